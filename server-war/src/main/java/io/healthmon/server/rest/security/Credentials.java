package io.healthmon.server.rest.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Reads a presented secret: {@code Authorization: Bearer <secret>}, or {@code X-API-Key: <secret>}. */
public final class Credentials {

    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private Credentials() {
    }

    public static Optional<String> presented(ContainerRequestContext request) {
        return presented(request::getHeaderString);
    }

    /** The same, from a function that gives a request header's value or null. */
    public static Optional<String> presented(UnaryOperator<String> header) {
        String authorization = header.apply(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            if (!token.isEmpty()) {
                return Optional.of(token);
            }
        }
        String apiKey = header.apply(API_KEY_HEADER);
        return apiKey == null || apiKey.isBlank() ? Optional.empty() : Optional.of(apiKey.trim());
    }
}
