package io.healthmon.server.rest.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.healthmon.server.application.Violation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** A body that is not JSON, or JSON of the wrong shape, named by the field where reading failed. */
@Provider
public class JsonProblemMapper implements ExceptionMapper<JacksonException> {

    @Override
    public Response toResponse(JacksonException e) {
        return problem(e).toResponse();
    }

    public static Problem problem(JacksonException e) {
        String field = e instanceof JsonMappingException m ? JsonPaths.of(m.getPath()) : "";
        String rule = firstLine(e.getOriginalMessage());
        return Problem.of(Response.Status.BAD_REQUEST, "malformed-json",
                        field.isEmpty() ? "the body is not valid JSON: " + rule : "field " + field + " could not be read")
                .withErrors(List.of(new Violation(field.isEmpty() ? "(body)" : field, rule)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        // Jackson names Java types in some messages ("Cannot deserialize value of type `java.lang.Long`"):
        // keep the rule, drop the internals.
        return line.replaceAll("`[a-z]+(\\.[A-Za-z0-9_$]+)+`", "the expected type")
                .replaceAll("\\(class [^)]*\\)", "").trim();
    }
}
