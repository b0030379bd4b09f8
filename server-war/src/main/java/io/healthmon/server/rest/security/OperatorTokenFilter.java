package io.healthmon.server.rest.security;

import io.healthmon.server.config.SecurityConfig;
import io.healthmon.server.domain.ApiKeys;
import io.healthmon.server.rest.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/** Checks the operator token; with none configured, the read and admin API stays closed. */
@Provider
@OperatorAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class OperatorTokenFilter implements ContainerRequestFilter {

    @Inject
    SecurityConfig security;

    @Inject
    AuthFailures failures;

    @Override
    public void filter(ContainerRequestContext request) {
        failures.refuseIfBlocked(request);
        Optional<String> expected = security.adminToken();
        Optional<String> presented = Credentials.bearer(request);
        if (expected.isPresent() && presented.isPresent() && ApiKeys.constantTimeEquals(expected.get(), presented.get())) {
            return;
        }
        failures.record(request, presented.isPresent() ? "wrong operator token" : "no operator token");
        String detail = expected.isEmpty()
                ? "the operator API is closed: set HEALTHMON_ADMIN_TOKEN on the server"
                : "the operator token is required: Authorization: Bearer <token>";
        request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail)
                .response().header("WWW-Authenticate", "Bearer realm=\"healthmon\"").build());
    }
}
