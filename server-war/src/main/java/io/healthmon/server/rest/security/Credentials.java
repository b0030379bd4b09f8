package io.healthmon.server.rest.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads a presented secret. Agents' API keys come as {@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}; the operator, enrollment and re-enrolment tokens only as a bearer token,
 * so a token is never mistaken for a key in a proxy's or a tool's handling of {@code X-API-Key}.
 */
public final class Credentials {

    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private Credentials() {
    }

    /** A token: {@code Authorization: Bearer <token>} only. */
    public static Optional<String> bearer(ContainerRequestContext request) {
        return bearer(request::getHeaderString);
    }

    /** The same, from a function that gives a request header's value or null. */
    public static Optional<String> bearer(UnaryOperator<String> header) {
        String authorization = header.apply(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            if (!token.isEmpty()) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    /** An agent's API key: a bearer token, else {@code X-API-Key}. */
    public static Optional<String> apiKey(UnaryOperator<String> header) {
        Optional<String> bearer = bearer(header);
        if (bearer.isPresent()) {
            return bearer;
        }
        String apiKey = header.apply(API_KEY_HEADER);
        return apiKey == null || apiKey.isBlank() ? Optional.empty() : Optional.of(apiKey.trim());
    }
}
