package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.application.EnrolmentToken;
import io.healthmon.server.application.RegistrationService;
import io.healthmon.server.application.Violation;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.problem.ProblemException;
import io.healthmon.server.rest.security.OperatorAuthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/servers/{id}/enrolment}, for operators: a one-time token with which the server's
 * agent (reinstalled on the same host) registers again, in place of the enrollment token, which
 * registers new server ids only. Using it may revoke the server's other keys at once.
 */
@Path("v1/servers/{serverId}/enrolment")
@OperatorAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class EnrolmentResource {

    static final int DEFAULT_VALID_HOURS = 24;
    static final int MAX_VALID_HOURS = 168;

    @Inject
    RegistrationService registration;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@PathParam("serverId") String serverId, EnrolmentRequest body) {
        EnrolmentRequest request = body == null ? new EnrolmentRequest(null, null) : body;
        // Checked here, not with Bean Validation on the record: Payara's OpenAPI scanner fails on
        // @Min/@Max on record components, and /openapi would answer 500.
        Integer hours = request.validForHours();
        if (hours != null && (hours < 1 || hours > MAX_VALID_HOURS)) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "invalid-request", "valid_for_hours is out of range")
                    .withErrors(List.of(new Violation("valid_for_hours", "must be from 1 to " + MAX_VALID_HOURS + " (a week)"))));
        }
        EnrolmentToken token = registration.issueEnrolmentToken(serverId, Boolean.TRUE.equals(request.revokeExistingKeys()),
                Duration.ofHours(hours == null ? DEFAULT_VALID_HOURS : hours));
        return Response.status(Response.Status.CREATED)
                .entity(new EnrolmentResponse(token.serverId(), token.token(), token.expiresAt(), token.revokesExistingKeys()))
                .build();
    }

    /** Both fields may be left out: the token is valid for a day, and the server's other keys are kept. */
    public record EnrolmentRequest(
            @JsonProperty("revoke_existing_keys") Boolean revokeExistingKeys,
            @JsonProperty("valid_for_hours") Integer validForHours) {
    }

    public record EnrolmentResponse(
            @JsonProperty("server_id") String serverId,
            @JsonProperty("enrolment_token") String enrolmentToken,
            @JsonProperty("expires_at") Instant expiresAt,
            @JsonProperty("revoke_existing_keys") boolean revokeExistingKeys) {
    }
}
