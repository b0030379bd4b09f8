package io.healthmon.server.rest.security;

import jakarta.ws.rs.WebApplicationException;

/** Ends a request with 429 and Retry-After. */
public class RateLimitedException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(long retryAfterSeconds, String detail) {
        super(detail, AuthFailures.tooManyRequests(retryAfterSeconds, detail));
    }
}
