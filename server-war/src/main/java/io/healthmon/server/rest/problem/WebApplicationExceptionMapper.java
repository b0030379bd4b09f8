package io.healthmon.server.rest.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own errors (404 no such path, 405 method, 406, 415 wrong content type) as problem+json;
 * responses that already carry a problem body pass through unchanged.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.hasEntity() && response.getMediaType() != null
                && response.getMediaType().isCompatible(MediaType.valueOf(Problem.MEDIA_TYPE))) {
            return response;
        }
        Response.StatusType status = response.getStatusInfo();
        String detail = switch (status.getStatusCode()) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 406 -> "this resource answers application/json only";
            case 415 -> "the body must be application/json";
            default -> status.getReasonPhrase();
        };
        Response.ResponseBuilder out = Problem.of(status, slug(status), detail).response();
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> out.header(name, v));
            }
        });
        return out.build();
    }

    private static String slug(Response.StatusType status) {
        return status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
