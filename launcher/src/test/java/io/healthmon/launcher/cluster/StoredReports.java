package io.healthmon.launcher.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reports PostgreSQL holds for the test's servers, read from the metrics table itself (not through
 * the API, whose history may average), with how many rows each has: one, unless a report was stored
 * twice.
 */
public record StoredReports(Map<ReportKey, Integer> rowsByReport) {

    private static final Comparator<ReportKey> ORDER = Comparator.comparing(ReportKey::serverId).thenComparing(ReportKey::timestamp);

    public static StoredReports read(Connection connection, String serverIdPrefix) throws SQLException {
        Map<ReportKey, Integer> rows = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select s.server_id, m.collected_at, count(*) from metrics m join servers s on s.id = m.server_ref
                where s.server_id like ? group by s.server_id, m.collected_at""")) {
            query.setString(1, serverIdPrefix + "%");
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.put(new ReportKey(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()), rs.getInt(3));
                }
            }
        }
        return new StoredReports(Map.copyOf(rows));
    }

    /** The reports among {@code acknowledged} that have no row: each is a report the cluster lost. */
    public List<ReportKey> missing(Set<ReportKey> acknowledged) {
        return acknowledged.stream().filter(r -> !rowsByReport.containsKey(r)).sorted(ORDER).toList();
    }

    /** The reports with more than one row. */
    public List<ReportKey> storedTwice() {
        return rowsByReport.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted(ORDER).toList();
    }

    /** Rows for reports never acknowledged: stored, but the answer was lost (allowed; the client sends it again). */
    public long unacknowledgedButStored(Set<ReportKey> acknowledged) {
        return rowsByReport.keySet().stream().filter(r -> !acknowledged.contains(r)).count();
    }

    public int rows() {
        return rowsByReport.values().stream().mapToInt(Integer::intValue).sum();
    }
}
