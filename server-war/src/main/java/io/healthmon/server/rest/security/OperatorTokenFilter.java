package io.healthmon.server.rest.security;

import io.healthmon.server.config.SecurityConfig;
import io.healthmon.server.domain.ApiKeys;
import io.healthmon.server.rest.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
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

    @Inject
    ClientAddresses clientAddresses;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String address = clientAddresses.of(servletRequest);
        failures.refuseIfBlocked(address);
        Optional<String> expected = security.adminToken();
        Optional<String> presented = Credentials.bearer(request);
        if (expected.isPresent() && presented.isPresent() && ApiKeys.constantTimeEquals(expected.get(), presented.get())) {
            return;
        }
        failures.record(address, request, presented.isPresent() ? "wrong operator token" : "no operator token");
        String detail = expected.isEmpty()
                ? "the operator API is closed: set HEALTHMON_ADMIN_TOKEN on the server"
                : "the operator token is required: Authorization: Bearer <token>";
        request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail)
                .response().header("WWW-Authenticate", "Bearer realm=\"healthmon\"").build());
    }
}
