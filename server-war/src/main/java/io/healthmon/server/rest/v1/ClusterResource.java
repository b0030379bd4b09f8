package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.cluster.ClusterStatus;
import io.healthmon.server.rest.security.OperatorAuthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/cluster}, for operators: the members, and which instance holds each once-per-cluster duty. */
@Path("v1/cluster")
@OperatorAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    ClusterStatus cluster;

    @GET
    public ClusterView get() throws SQLException {
        ClusterStatus.Overview o = cluster.overview();
        return new ClusterView(o.thisInstance(), o.grid(),
                o.members().stream().map(m -> new MemberView(m.name(), m.address(), m.startedAt(), m.lastHeartbeatAt(),
                        m.thisInstance())).toList(),
                o.duties().stream().map(d -> new DutyView(d.duty(), d.holder(), d.heldUntil())).toList());
    }

    public record ClusterView(
            @JsonProperty("this_instance") String thisInstance,
            @JsonProperty("grid") boolean grid,
            @JsonProperty("members") List<MemberView> members,
            @JsonProperty("duties") List<DutyView> duties) {
    }

    public record MemberView(
            @JsonProperty("name") String name,
            @JsonProperty("address") String address,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("last_heartbeat_at") Instant lastHeartbeatAt,
            @JsonProperty("this_instance") boolean thisInstance) {
    }

    public record DutyView(
            @JsonProperty("duty") String duty,
            @JsonProperty("holder") String holder,
            @JsonProperty("held_until") Instant heldUntil) {
    }
}
