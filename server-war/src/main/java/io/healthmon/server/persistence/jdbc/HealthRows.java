package io.healthmon.server.persistence.jdbc;

import io.healthmon.server.application.port.HealthStore;
import io.healthmon.server.domain.HealthState;
import io.healthmon.server.domain.ServerHealth;
import io.healthmon.server.persistence.FailedServicesJson;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The health rows (with their server rows, only read), by plain JDBC in the caller's transaction: for an
 * ingest group, one locking query for the whole group and one set-based update, whatever the group's
 * size, where JPA prepared a query again for each group size and wrote a statement per row
 * (docs/decisions/0008).
 */
@ApplicationScoped
public class HealthRows implements HealthStore {

    private static final String COLUMNS = """
            select h.server_ref, h.status, h.reasons, h.status_since, h.evaluated_at, h.latest_collected_at,
                h.cpu_usage, h.memory_percentage, h.load_1, h.fullest_disk, h.fullest_disk_percentage,
                h.failed_services, h.last_seen_at, h.agent_version, s.server_id, s.registered_at
            from health_status h join servers s on s.id = h.server_ref
            """;

    // Health rows are locked in server order, so two groups sharing servers wait for each other
    // instead of deadlocking. Only the health row: it is what the group reads, decides on and writes
    // back (the last-seen time and agent version included); the server row is only read. A lock on it
    // too cost PostgreSQL a second locked (WAL-logged) row per report, and blocked key inserts, whose
    // foreign-key check shares the server row.
    private static final String LOCK = COLUMNS + """
            where h.server_ref = any (?)
            order by h.server_ref
            for update of h
            """;

    private static final String LOCK_SILENT = COLUMNS + """
            where h.status not in ('DOWN', 'NEVER_SEEN') and h.last_seen_at < ?
            order by h.server_ref
            for update of h skip locked
            """;

    private static final String LOCK_ONE = "select s.server_id from health_status h join servers s on s.id = h.server_ref"
            + " where h.server_ref = ? for update of h";

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

    @Override
    public Map<Long, ServerHealth> lockForUpdate(Collection<Long> serverRefs) throws SQLException {
        Map<Long, ServerHealth> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setArray(1, c.createArrayOf("bigint", serverRefs.toArray(Long[]::new)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ServerHealth row = read(rs);
                    rows.put(row.serverRef(), row);
                }
            }
        }
        return rows;
    }

    @Override
    public List<ServerHealth> lockSilentSince(Instant cutoff) throws SQLException {
        List<ServerHealth> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK_SILENT)) {
            s.setObject(1, ParameterTimes.utc(cutoff));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        }
        return rows;
    }

    @Override
    public String lock(long serverRef) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK_ONE)) {
            s.setLong(1, serverRef);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("server " + serverRef + " has no health row");
                }
                return rs.getString(1);
            }
        }
    }

    @Override
    public void write(Collection<ServerHealth> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<ServerHealth> list = List.copyOf(rows);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(UPDATE_HEALTH)) {
                int i = 1;
                s.setArray(i++, c.createArrayOf("bigint", list.stream().map(ServerHealth::serverRef).toArray(Long[]::new)));
                s.setArray(i++, texts(c, list, r -> r.state().name()));
                s.setArray(i++, texts(c, list, ServerHealth::reasons));
                s.setArray(i++, micros(c, list, ServerHealth::since));
                s.setArray(i++, micros(c, list, ServerHealth::evaluatedAt));
                s.setArray(i++, micros(c, list, ServerHealth::latestCollectedAt));
                s.setArray(i++, doubles(c, list, latest(ServerHealth.Latest::cpuUsage)));
                s.setArray(i++, doubles(c, list, latest(ServerHealth.Latest::memoryPercentage)));
                s.setArray(i++, doubles(c, list, latest(ServerHealth.Latest::load1)));
                s.setArray(i++, texts(c, list, latest(ServerHealth.Latest::fullestDisk)));
                s.setArray(i++, doubles(c, list, latest(ServerHealth.Latest::fullestDiskPercentage)));
                s.setArray(i++, texts(c, list, latest(l -> FailedServicesJson.write(l.failedServices()))));
                s.setArray(i++, micros(c, list, ServerHealth::lastSeen));
                s.setArray(i, texts(c, list, ServerHealth::agentVersion));
                s.executeUpdate();
            }
        }
    }

    private static ServerHealth read(ResultSet rs) throws SQLException {
        Instant collectedAt = ResultTimes.instant(rs, "latest_collected_at");
        ServerHealth.Latest latest = collectedAt == null ? null : new ServerHealth.Latest(collectedAt,
                NullableColumns.dbl(rs, "cpu_usage"), NullableColumns.dbl(rs, "memory_percentage"),
                NullableColumns.dbl(rs, "load_1"), rs.getString("fullest_disk"),
                NullableColumns.dbl(rs, "fullest_disk_percentage"), FailedServicesJson.read(rs.getString("failed_services")));
        return new ServerHealth(rs.getLong("server_ref"), rs.getString("server_id"), HealthState.valueOf(rs.getString("status")),
                rs.getString("reasons"), ResultTimes.instant(rs, "status_since"), ResultTimes.instant(rs, "evaluated_at"),
                ResultTimes.instant(rs, "last_seen_at"), ResultTimes.instant(rs, "registered_at"),
                rs.getString("agent_version"), latest);
    }

    /** A value of the newest report's, null while the server has none. */
    private static <T> Function<ServerHealth, T> latest(Function<ServerHealth.Latest, T> value) {
        return row -> row.latest() == null ? null : value.apply(row.latest());
    }

    private static Array texts(Connection c, List<ServerHealth> rows, Function<ServerHealth, String> value)
            throws SQLException {
        return c.createArrayOf("text", rows.stream().map(value).toArray(String[]::new));
    }

    private static Array doubles(Connection c, List<ServerHealth> rows, Function<ServerHealth, Double> value)
            throws SQLException {
        return c.createArrayOf("float8", rows.stream().map(value).toArray(Double[]::new));
    }

    private static Array micros(Connection c, List<ServerHealth> rows, Function<ServerHealth, Instant> time)
            throws SQLException {
        return c.createArrayOf("bigint", rows.stream().map(r -> epochMicros(time.apply(r))).toArray(Long[]::new));
    }

    private static Long epochMicros(Instant time) {
        return time == null ? null : EpochMicros.of(time);
    }
}
