package io.healthmon.server.cluster;

import io.healthmon.server.application.port.ClusterLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator's view of the cluster: the members the grid sees now, with what their heartbeats in
 * PostgreSQL say, and which instance holds each once-per-cluster duty.
 */
@ApplicationScoped
public class ClusterStatus {

    @Inject
    Grid grid;

    @Inject
    ClusterLedger tables;

    public Overview overview() throws SQLException {
        Map<String, ClusterLedger.InstanceHeartbeat> beats = tables.instances().stream()
                .collect(Collectors.toMap(ClusterLedger.InstanceHeartbeat::name, Function.identity()));
        List<Member> members = grid.members().stream().map(m -> {
            ClusterLedger.InstanceHeartbeat beat = beats.get(m.name());
            return new Member(m.name(), m.address(), beat == null ? null : beat.startedAt(),
                    beat == null ? null : beat.lastHeartbeatAt(), m.thisInstance());
        }).toList();
        List<DutyHolder> duties = tables.duties().stream()
                .map(d -> new DutyHolder(d.duty(), d.current() ? d.holder() : null, d.heldUntil()))
                .toList();
        return new Overview(grid.thisInstance(), grid.joined(), members, duties);
    }

    /** How many members the grid sees now (1 alone). */
    public int memberCount() {
        return grid.memberCount();
    }

    /** The cluster as this instance sees it. */
    public record Overview(String thisInstance, boolean grid, List<Member> members, List<DutyHolder> duties) {
    }

    /** A member, with its last heartbeat (null until its first, a few seconds after it starts). */
    public record Member(String name, String address, Instant startedAt, Instant lastHeartbeatAt, boolean thisInstance) {
    }

    /** A duty and its holder now (null while its lease has run out and no instance has taken it yet). */
    public record DutyHolder(String duty, String holder, Instant heldUntil) {
    }
}
