package io.healthmon.server.rest.security;

import io.healthmon.server.domain.RateLimiter;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.telemetry.ServerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * Failed authentications per client address: each is a security event (logged once a minute per
 * address, never with the presented secret), and an address that keeps failing is refused with 429
 * for a while.
 */
@ApplicationScoped
public class AuthFailures {

    @Inject
    ServerMetrics metrics;

    @Inject
    SecurityEvents events;

    @Inject
    RateLimits limits;

    /**
     * Aborts with 429 when this address has used up its failed attempts. Callers pass the address they
     * read from their own request (JAX-RS's {@code @Context}, or the servlet's): a CDI-injected request
     * is not there when a request body arrived slowly and the request goes on in an asynchronous dispatch.
     */
    public void refuseIfBlocked(String address) {
        RateLimiter<String> limiter = limits.authFailures();
        if (!limiter.wouldAllow(address)) {
            long wait = limiter.secondsUntilAllowed(address);
            metrics.rateLimited(ServerMetrics.AUTH_FAILURES_LIMIT);
            throw new RateLimitedException(wait, "too many failed authentications from this address");
        }
    }

    public void record(String address, ContainerRequestContext request, String reason) {
        record(address, request.getMethod(), request.getUriInfo().getRequestUri().getPath(), reason);
    }

    public void record(String address, String method, String path, String reason) {
        RateLimiter.Decision decision = limits.authFailures().tryAcquire(address);
        metrics.authenticationFailed();
        events.authenticationFailed(address, method, path, reason, decision.allowed() ? 0 : decision.retryAfterSeconds());
    }

    /** 429 with Retry-After. */
    public static Response tooManyRequests(long retryAfterSeconds, String detail) {
        return Problem.of(Response.Status.TOO_MANY_REQUESTS, "rate-limited", detail + "; retry after "
                        + retryAfterSeconds + " s")
                .response().header("Retry-After", retryAfterSeconds).build();
    }
}
