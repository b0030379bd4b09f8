package io.healthmon.server.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.healthmon.server.application.Violation;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem document. {@code errors} names each field and broken rule. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(Response.StatusType status, String slug, String detail) {
        return new Problem("urn:healthmon:problem:" + slug, status.getReasonPhrase(), status.getStatusCode(), detail, List.of());
    }

    public Problem withErrors(List<Violation> violations) {
        return new Problem(type, title, status, detail, List.copyOf(violations));
    }

    public Response.ResponseBuilder response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }

    public Response toResponse() {
        return response().build();
    }
}
