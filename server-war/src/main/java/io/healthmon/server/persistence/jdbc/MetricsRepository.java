package io.healthmon.server.persistence.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.ReportJson;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/** Writes reports to the partitioned {@code metrics} table. Callers provide the transaction. */
@ApplicationScoped
public class MetricsRepository {

    private static final String INSERT = """
            insert into metrics (server_ref, collected_at, received_at, cpu_usage,
                memory_total, memory_used, memory_percentage, swap_total, swap_used, swap_percentage,
                load_1, load_5, load_15, uptime_seconds, disk_usage, failed_services, network,
                collection_errors, agent_version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?)
            on conflict (server_ref, collected_at) do nothing
            """;

    private static final ObjectMapper JSON = ReportJson.newMapper();

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    /** One report of one server, to be stored. */
    public record Row(long serverRef, MetricsReport report) {
    }

    /**
     * Stores the reports in one round trip (a JDBC batch); element i is false when a report of that
     * server with that timestamp was already stored (or is earlier in the same batch).
     */
    public boolean[] insertAll(List<Row> rows, Instant receivedAt) throws SQLException {
        if (rows.isEmpty()) {
            return new boolean[0];
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            for (Row row : rows) {
                bind(s, row.serverRef(), row.report(), receivedAt);
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            boolean[] stored = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                stored[i] = counts[i] == 1;
            }
            return stored;
        }
    }

    private static void bind(PreparedStatement s, long serverRef, MetricsReport r, Instant receivedAt) throws SQLException {
        int i = 1;
        s.setLong(i++, serverRef);
        s.setObject(i++, r.timestamp().atOffset(ZoneOffset.UTC));
        s.setObject(i++, receivedAt.atOffset(ZoneOffset.UTC));
        setDouble(s, i++, r.cpuUsage());
        setLong(s, i++, r.memory() == null ? null : r.memory().total());
        setLong(s, i++, r.memory() == null ? null : r.memory().used());
        setDouble(s, i++, r.memory() == null ? null : r.memory().percentage());
        setLong(s, i++, r.swap() == null ? null : r.swap().total());
        setLong(s, i++, r.swap() == null ? null : r.swap().used());
        setDouble(s, i++, r.swap() == null ? null : r.swap().percentage());
        setDouble(s, i++, r.loadAverage() == null ? null : r.loadAverage().oneMinute());
        setDouble(s, i++, r.loadAverage() == null ? null : r.loadAverage().fiveMinutes());
        setDouble(s, i++, r.loadAverage() == null ? null : r.loadAverage().fifteenMinutes());
        setLong(s, i++, r.uptime());
        s.setString(i++, json(r.diskUsage()));
        s.setString(i++, json(r.failedServices()));
        s.setString(i++, json(r.network()));
        s.setString(i++, json(r.collectionErrors()));
        s.setString(i, r.agentVersion());
    }

    static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A validated report part could not be written as JSON", e);
        }
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
