package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.report.Limits;
import io.healthmon.server.application.IssuedKey;
import io.healthmon.server.application.RegistrationService;
import io.healthmon.server.application.Violation;
import io.healthmon.server.config.SecurityConfig;
import io.healthmon.server.domain.ApiKeys;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.problem.ProblemException;
import io.healthmon.server.rest.security.AuthFailures;
import io.healthmon.server.rest.security.Credentials;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code POST /api/v1/register}: with the enrollment token, registers a server and returns its key once. */
@Path("v1/register")
public class RegisterResource {

    @Inject
    RegistrationService registration;

    @Inject
    SecurityConfig security;

    @Inject
    AuthFailures failures;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(@Context ContainerRequestContext request, RegisterRequest body) {
        failures.refuseIfBlocked(request);
        Optional<String> expected = security.enrollmentToken();
        Optional<String> presented = Credentials.presented(request);
        if (expected.isEmpty() || presented.isEmpty() || !ApiKeys.constantTimeEquals(expected.get(), presented.get())) {
            failures.record(request, presented.isPresent() ? "wrong enrollment token" : "no enrollment token");
            throw new ProblemException(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", expected.isEmpty()
                    ? "registration is closed: set HEALTHMON_ENROLLMENT_TOKEN on the server"
                    : "the enrollment token is required: Authorization: Bearer <token>").toResponse());
        }
        String serverId = body == null ? null : body.serverId();
        if (serverId == null || !serverId.matches(Limits.SERVER_ID_PATTERN)) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "invalid-request",
                            "server_id is missing or not allowed")
                    .withErrors(List.of(new Violation("server_id", Limits.SERVER_ID_RULE))));
        }
        IssuedKey issued = registration.register(serverId);
        return Response.status(Response.Status.CREATED)
                .entity(new RegisterResponse(issued.serverId(), issued.apiKey(), issued.keyId(), issued.createdAt()))
                .build();
    }

    public record RegisterRequest(@JsonProperty("server_id") String serverId) {
    }

    public record RegisterResponse(
            @JsonProperty("server_id") String serverId,
            @JsonProperty("api_key") String apiKey,
            @JsonProperty("key_id") long keyId,
            @JsonProperty("created_at") Instant createdAt) {
    }
}
