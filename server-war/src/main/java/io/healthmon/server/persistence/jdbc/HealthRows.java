package io.healthmon.server.persistence.jdbc;

import io.healthmon.server.domain.HealthState;
import io.healthmon.server.persistence.jpa.HealthStatusEntity;
import io.healthmon.server.persistence.jpa.ServerEntity;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The health rows of an ingest group (with their server rows, only read), by plain JDBC in the
 * caller's transaction: one locking query for the whole group and one set-based update, whatever the
 * group's size, where JPA prepared a query again for each group size and wrote a statement per row
 * (docs/decisions/0008). The objects are entities JPA does not manage; JPA holds no copy
 * (shared cache off), so nothing reads a stale row.
 */
@ApplicationScoped
public class HealthRows {

    // Health rows are locked in server order, so two groups sharing servers wait for each other
    // instead of deadlocking. Only the health row: it is what the group reads, decides on and writes
    // back (the last-seen time and agent version included); the server row is only read. A lock on it
    // too cost PostgreSQL a second locked (WAL-logged) row per report, and blocked key inserts, whose
    // foreign-key check shares the server row.
    private static final String LOCK = """
            select h.server_ref, h.status, h.reasons, h.status_since, h.evaluated_at, h.latest_collected_at,
                h.cpu_usage, h.memory_percentage, h.load_1, h.fullest_disk, h.fullest_disk_percentage,
                h.failed_services, h.last_seen_at, h.agent_version, s.server_id, s.registered_at
            from health_status h join servers s on s.id = h.server_ref
            where h.server_ref = any (?)
            order by h.server_ref
            for update of h
            """;

    // Times go as microseconds since the epoch (EpochMicros), in binary.
    private static final String UPDATE_HEALTH = """
            update health_status h set status = v.status, reasons = v.reasons,
                status_since = %s, evaluated_at = %s, latest_collected_at = %s, cpu_usage = v.cpu,
                memory_percentage = v.memory, load_1 = v.load_1, fullest_disk = v.disk,
                fullest_disk_percentage = v.disk_percentage, failed_services = v.failed_services,
                last_seen_at = %s, agent_version = v.agent_version
            from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[]), cast(? as bigint[]),
                    cast(? as bigint[]), cast(? as bigint[]), cast(? as float8[]), cast(? as float8[]),
                    cast(? as float8[]), cast(? as text[]), cast(? as float8[]), cast(? as text[]),
                    cast(? as bigint[]), cast(? as text[]))
                as v(server_ref, status, reasons, since, evaluated_at, collected_at, cpu, memory, load_1, disk,
                    disk_percentage, failed_services, last_seen_at, agent_version)
            where h.server_ref = v.server_ref
            """.formatted(EpochMicros.timestamptz("v.since"), EpochMicros.timestamptz("v.evaluated_at"),
            EpochMicros.timestamptz("v.collected_at"), EpochMicros.timestamptz("v.last_seen_at"));

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    /** The health rows of these servers, each with its server, the health rows locked for this transaction; by server. */
    public Map<Long, HealthStatusEntity> lockForUpdate(Collection<Long> serverRefs) throws SQLException {
        Map<Long, HealthStatusEntity> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setArray(1, c.createArrayOf("bigint", serverRefs.toArray(Long[]::new)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    HealthStatusEntity row = read(rs);
                    rows.put(row.getServerRef(), row);
                }
            }
        }
        return rows;
    }

    /** Writes the rows' values back, their last-seen time and agent version included. */
    public void write(Collection<HealthStatusEntity> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<HealthStatusEntity> list = List.copyOf(rows);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(UPDATE_HEALTH)) {
                int i = 1;
                s.setArray(i++, c.createArrayOf("bigint", list.stream().map(HealthStatusEntity::getServerRef).toArray(Long[]::new)));
                s.setArray(i++, texts(c, list, r -> r.getState().name()));
                s.setArray(i++, texts(c, list, HealthStatusEntity::getReasons));
                s.setArray(i++, micros(c, list, HealthStatusEntity::getSince));
                s.setArray(i++, micros(c, list, HealthStatusEntity::getEvaluatedAt));
                s.setArray(i++, micros(c, list, HealthStatusEntity::getLatestCollectedAt));
                s.setArray(i++, doubles(c, list, HealthStatusEntity::getCpuUsage));
                s.setArray(i++, doubles(c, list, HealthStatusEntity::getMemoryPercentage));
                s.setArray(i++, doubles(c, list, HealthStatusEntity::getLoad1));
                s.setArray(i++, texts(c, list, HealthStatusEntity::getFullestDisk));
                s.setArray(i++, doubles(c, list, HealthStatusEntity::getFullestDiskPercentage));
                s.setArray(i++, texts(c, list, HealthStatusEntity::getFailedServicesJson));
                s.setArray(i++, micros(c, list, HealthStatusEntity::getLastSeenAt));
                s.setArray(i, texts(c, list, HealthStatusEntity::getAgentVersion));
                s.executeUpdate();
            }
        }
    }

    private static HealthStatusEntity read(ResultSet rs) throws SQLException {
        ServerEntity server = ServerEntity.of(rs.getLong("server_ref"), rs.getString("server_id"),
                ResultTimes.instant(rs, "registered_at"));
        HealthStatusEntity row = HealthStatusEntity.of(server, HealthState.valueOf(rs.getString("status")),
                rs.getString("reasons"), ResultTimes.instant(rs, "status_since"),
                ResultTimes.instant(rs, "evaluated_at"), ResultTimes.instant(rs, "last_seen_at"),
                rs.getString("agent_version"));
        row.latest(ResultTimes.instant(rs, "latest_collected_at"), nullableDouble(rs, "cpu_usage"),
                nullableDouble(rs, "memory_percentage"), nullableDouble(rs, "load_1"), rs.getString("fullest_disk"),
                nullableDouble(rs, "fullest_disk_percentage"), rs.getString("failed_services"));
        return row;
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Array texts(Connection c, List<HealthStatusEntity> rows, Function<HealthStatusEntity, String> value)
            throws SQLException {
        return c.createArrayOf("text", rows.stream().map(value).toArray(String[]::new));
    }

    private static Array doubles(Connection c, List<HealthStatusEntity> rows, Function<HealthStatusEntity, Double> value)
            throws SQLException {
        return c.createArrayOf("float8", rows.stream().map(value).toArray(Double[]::new));
    }

    private static Array micros(Connection c, List<HealthStatusEntity> rows, Function<HealthStatusEntity, Instant> time)
            throws SQLException {
        return c.createArrayOf("bigint", rows.stream().map(r -> epochMicros(time.apply(r))).toArray(Long[]::new));
    }

    private static Long epochMicros(Instant time) {
        return time == null ? null : EpochMicros.of(time);
    }
}
