package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.report.Limits;
import io.healthmon.server.application.IssuedKey;
import io.healthmon.server.application.RegistrationService;
import io.healthmon.server.application.ServerAlreadyRegisteredException;
import io.healthmon.server.config.SecurityConfig;
import io.healthmon.server.domain.ApiKeys;
import io.healthmon.server.rest.RequestBodies;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.problem.ProblemException;
import io.healthmon.server.rest.security.AuthFailures;
import io.healthmon.server.rest.security.ClientAddresses;
import io.healthmon.server.rest.security.Credentials;
import io.healthmon.server.rest.security.SecurityEvents;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/v1/register}: with the enrollment token, registers a new server and returns its key
 * once; an id already registered gets 409. With a one-time re-enrolment token an operator issued for
 * that server, registers its agent again.
 */
@Path("v1/register")
public class RegisterResource {

    @Inject
    RegistrationService registration;

    @Inject
    SecurityConfig security;

    @Inject
    AuthFailures failures;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    SecurityEvents events;

    @Inject
    RequestBodies bodies;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(@Context ContainerRequestContext request, RegisterRequest body) {
        String address = clientAddresses.of(servletRequest);
        failures.refuseIfBlocked(address);
        Optional<String> presented = Credentials.bearer(request);
        if (presented.isEmpty()) {
            failures.record(address, request, "no enrollment token");
            throw unauthorized("the enrollment token is required: Authorization: Bearer <token>");
        }
        String serverId = bodies.check(body == null ? new RegisterRequest(null) : body, "invalid-request").serverId();
        Optional<String> enrollment = security.enrollmentToken();
        IssuedKey issued;
        if (enrollment.isPresent() && ApiKeys.constantTimeEquals(enrollment.get(), presented.get())) {
            try {
                issued = registration.registerNew(serverId);
            } catch (ServerAlreadyRegisteredException e) {
                events.refusedReregistration(address, serverId);
                throw e;
            }
        } else {
            // Not the enrollment token: it may be a one-time re-enrolment token an operator issued for this server.
            issued = registration.reenrol(serverId, presented.get()).orElseThrow(() -> {
                failures.record(address, request, "wrong enrollment token, and no valid re-enrolment token for " + serverId);
                return unauthorized(enrollment.isEmpty()
                        ? "registration of new servers is closed (set HEALTHMON_ENROLLMENT_TOKEN on the server), and this"
                                + " is no valid re-enrolment token for " + serverId
                        : "neither the enrollment token nor a valid re-enrolment token for " + serverId);
            });
        }
        return Response.status(Response.Status.CREATED)
                .entity(new RegisterResponse(issued.serverId(), issued.apiKey(), issued.keyId(), issued.createdAt()))
                .build();
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail).toResponse());
    }

    /** Its constrained component is hidden from Payara's OpenAPI generator (see ThresholdsRequest). */
    public record RegisterRequest(
            @Schema(hidden = true) @JsonProperty("server_id")
            @NotNull(message = Limits.SERVER_ID_RULE) @Pattern(regexp = Limits.SERVER_ID_PATTERN, message = Limits.SERVER_ID_RULE)
            String serverId) {
    }

    public record RegisterResponse(
            @JsonProperty("server_id") String serverId,
            @JsonProperty("api_key") String apiKey,
            @JsonProperty("key_id") long keyId,
            @JsonProperty("created_at") Instant createdAt) {
    }
}
