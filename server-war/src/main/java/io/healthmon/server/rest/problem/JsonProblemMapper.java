package io.healthmon.server.rest.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
        String rule = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? expected(mismatch.getTargetType())
                : firstLine(e.getOriginalMessage());
        return Problem.of(Response.Status.BAD_REQUEST, "malformed-json",
                        field.isEmpty() ? "the body is not valid JSON: " + rule : "field " + field + " could not be read")
                .withErrors(List.of(new Violation(field.isEmpty() ? "(body)" : field, rule)));
    }

    /** What the field should have held, in the client's terms rather than Java's. */
    static String expected(Class<?> type) {
        if (type == java.time.Instant.class) {
            return "must be a UTC ISO-8601 timestamp such as 2024-12-15T10:30:00Z";
        }
        if (type == Double.class || type == double.class) {
            return "must be a number";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number from 0 to " + Long.MAX_VALUE;
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        // Jackson names Java types in some messages ("Cannot deserialize value of type `java.lang.Long`"):
        // keep the rule, drop the internals.
        return line.replaceAll("`[a-z]+(\\.[A-Za-z0-9_$]+)+`", "the expected type")
                .replaceAll("\\([a-z]+(\\.[A-Za-z0-9_$]+)+\\)", "")
                .replaceAll("(java|javax|jakarta|com|org)\\.[A-Za-z0-9_.$]+", "a value")
                .replaceAll("\\(class [^)]*\\)", "").trim();
    }
}
