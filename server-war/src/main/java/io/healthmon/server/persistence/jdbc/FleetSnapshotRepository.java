package io.healthmon.server.persistence.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import io.healthmon.report.DiskUsage;
import io.healthmon.server.application.port.FleetSnapshotReads;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.HealthState;
import io.healthmon.server.domain.ServerSnapshot;
import io.healthmon.server.persistence.StoredJson;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Every server's newest values in two set-based reads: each health row with the metrics row it names
 * (one primary-key lookup per server), and the open alerts counted by server and kind.
 */
@ApplicationScoped
public class FleetSnapshotRepository implements FleetSnapshotReads {

    private static final TypeReference<List<DiskUsage>> DISKS = new TypeReference<>() {
    };

    private static final String LATEST = "select h.server_ref, s.server_id, h.status, h.last_seen_at, h.agent_version,"
            + " m.cpu_usage, m.memory_total, m.memory_used, m.swap_total, m.swap_used, m.load_1, m.load_5, m.load_15,"
            + " m.uptime_seconds, m.disk_usage::text, jsonb_array_length(m.failed_services)"
            + " from health_status h join servers s on s.id = h.server_ref"
            + " left join metrics m on m.server_ref = h.server_ref and m.collected_at = h.latest_collected_at"
            + " order by s.server_id";

    private static final String OPEN_ALERTS = "select server_ref, kind, count(*) from alerts where state = 'OPEN'"
            + " group by server_ref, kind";

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    /** All servers, ordered by id. The alerts are read first: an alert opened between the reads shows at the next scrape. */
    @Override
    public List<ServerSnapshot> snapshot() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return latest(c, openAlerts(c));
        }
    }

    private static Map<Long, Map<AlertKind, Integer>> openAlerts(Connection c) throws SQLException {
        Map<Long, Map<AlertKind, Integer>> alerts = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(OPEN_ALERTS); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                alerts.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(AlertKind.class))
                        .put(AlertKind.valueOf(rs.getString(2)), rs.getInt(3));
            }
        }
        return alerts;
    }

    private static List<ServerSnapshot> latest(Connection c, Map<Long, Map<AlertKind, Integer>> alerts) throws SQLException {
        List<ServerSnapshot> servers = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(LATEST)) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    servers.add(row(rs, alerts.getOrDefault(rs.getLong(1), Map.of())));
                }
            }
        }
        return servers;
    }

    private static ServerSnapshot row(ResultSet rs, Map<AlertKind, Integer> openAlerts) throws SQLException {
        return new ServerSnapshot(
                rs.getString(2),
                HealthState.valueOf(rs.getString(3)),
                ResultTimes.instant(rs, 4),
                rs.getString(5),
                NullableColumns.dbl(rs, 6),
                NullableColumns.lng(rs, 7),
                NullableColumns.lng(rs, 8),
                NullableColumns.lng(rs, 9),
                NullableColumns.lng(rs, 10),
                NullableColumns.dbl(rs, 11),
                NullableColumns.dbl(rs, 12),
                NullableColumns.dbl(rs, 13),
                NullableColumns.lng(rs, 14),
                disks(rs.getString(15)),
                NullableColumns.integer(rs, 16),
                openAlerts);
    }

    private static List<DiskUsage> disks(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return StoredJson.MAPPER.readValue(json, DISKS);
        } catch (IOException e) {
            throw new IllegalStateException("stored disk_usage is not valid JSON", e);
        }
    }
}
