package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.application.IssuedKey;
import io.healthmon.server.application.RegistrationService;
import io.healthmon.server.domain.AgentKey;
import io.healthmon.server.rest.security.OperatorAuthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * A server's API keys, for operators: list them (never the keys themselves), rotate (a new key,
 * shown once, while the old ones stay valid until revoked) and revoke one.
 */
@Path("v1/servers/{serverId}/keys")
@OperatorAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class ServerKeysResource {

    @Inject
    RegistrationService registration;

    @GET
    public List<KeyView> list(@PathParam("serverId") String serverId) {
        return registration.keysOf(serverId).stream().map(KeyView::of).toList();
    }

    /** A new key; with {@code ?revoke_existing=true} the server's other keys are revoked in the same step. */
    @POST
    public Response rotate(@PathParam("serverId") String serverId,
                           @QueryParam("revoke_existing") @DefaultValue("false") boolean revokeExisting) {
        IssuedKey issued = registration.rotate(serverId, revokeExisting);
        return Response.status(Response.Status.CREATED)
                .entity(new RegisterResource.RegisterResponse(issued.serverId(), issued.apiKey(), issued.keyId(), issued.createdAt()))
                .build();
    }

    @DELETE
    @Path("{keyId}")
    public KeyView revoke(@PathParam("serverId") String serverId, @PathParam("keyId") long keyId) {
        return KeyView.of(registration.revoke(serverId, keyId));
    }

    /** A key as operators see it: its id and first characters, never the key. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(
            @JsonProperty("key_id") long keyId,
            @JsonProperty("prefix") String prefix,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("revoked_at") Instant revokedAt,
            @JsonProperty("active") boolean active) {

        static KeyView of(AgentKey k) {
            return new KeyView(k.keyId(), k.prefix(), k.createdAt(), k.revokedAt(), k.active());
        }
    }
}
