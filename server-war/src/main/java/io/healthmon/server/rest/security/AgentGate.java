package io.healthmon.server.rest.security;

import io.healthmon.server.application.AgentAuthenticator;
import io.healthmon.server.application.AuthenticatedAgent;
import io.healthmon.server.domain.RateLimiter;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.problem.ProblemException;
import io.healthmon.server.telemetry.ServerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Admits an agent's request: the API key it presents must belong to a server (else 401, and the
 * failure counts against the client's address, which is refused with 429 once it keeps failing), and
 * that key must not send more often than {@code healthmon.rate-limit.key.*} allows (else 429 with
 * Retry-After). It serves the push endpoint, a plain servlet, so it reads the servlet request.
 */
@ApplicationScoped
public class AgentGate {

    @Inject
    ServerMetrics metrics;

    @Inject
    AgentAuthenticator authenticator;

    @Inject
    AuthFailures failures;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    SecurityEvents events;

    @Inject
    RateLimits limits;

    /** The agent the request's key belongs to; throws a {@link jakarta.ws.rs.WebApplicationException} with the 401 or 429 to answer. */
    public AuthenticatedAgent admit(HttpServletRequest request) {
        String address = clientAddresses.of(request);
        failures.refuseIfBlocked(address);
        Optional<String> key = Credentials.apiKey(request::getHeader);
        Optional<AuthenticatedAgent> agent = key.flatMap(authenticator::authenticate);
        if (agent.isEmpty()) {
            key.flatMap(authenticator::revoked)
                    .ifPresent(revoked -> events.revokedKeyUsed(address, revoked.serverId(), revoked.keyPrefix()));
            failures.record(address, request.getMethod(), request.getRequestURI(),
                    key.isPresent() ? "unknown or revoked API key" : "no API key");
            throw new ProblemException(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", key.isPresent()
                            ? "the API key is unknown or revoked"
                            : "an API key is required: Authorization: Bearer <key> or X-API-Key: <key>")
                    .response().header("WWW-Authenticate", "Bearer realm=\"healthmon\"").build());
        }
        RateLimiter.Decision decision = limits.perKey().tryAcquire(agent.get().keyId());
        if (!decision.allowed()) {
            metrics.rateLimited(ServerMetrics.API_KEY_LIMIT);
            throw new RateLimitedException(decision.retryAfterSeconds(), "this API key sends too often");
        }
        return agent.get();
    }
}
