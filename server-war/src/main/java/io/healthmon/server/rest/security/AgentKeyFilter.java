package io.healthmon.server.rest.security;

import io.healthmon.server.application.AgentAuthenticator;
import io.healthmon.server.application.AuthenticatedAgent;
import io.healthmon.server.rest.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/** Resolves the presented API key to its server, or answers 401. */
@Provider
@AgentAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class AgentKeyFilter implements ContainerRequestFilter {

    public static final String AGENT_PROPERTY = "healthmon.agent";

    @Inject
    AgentAuthenticator authenticator;

    @Inject
    AuthFailures failures;

    @Override
    public void filter(ContainerRequestContext request) {
        failures.refuseIfBlocked(request);
        Optional<String> key = Credentials.presented(request);
        Optional<AuthenticatedAgent> agent = key.flatMap(authenticator::authenticate);
        if (agent.isEmpty()) {
            failures.record(request, key.isPresent() ? "unknown or revoked API key" : "no API key");
            request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", key.isPresent()
                            ? "the API key is unknown or revoked"
                            : "an API key is required: Authorization: Bearer <key> or X-API-Key: <key>")
                    .response().header("WWW-Authenticate", "Bearer realm=\"healthmon\"").build());
            return;
        }
        request.setProperty(AGENT_PROPERTY, agent.get());
    }

    public static AuthenticatedAgent agentOf(ContainerRequestContext request) {
        return (AuthenticatedAgent) request.getProperty(AGENT_PROPERTY);
    }
}
