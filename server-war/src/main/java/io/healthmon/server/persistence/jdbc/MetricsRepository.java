package io.healthmon.server.persistence.jdbc;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.application.port.MetricsStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes reports to the partitioned {@code metrics} table, {@value MetricsInsert#MAX_ROWS} rows per
 * statement at most ({@link MetricsInsert}). Callers provide the transaction.
 */
@ApplicationScoped
public class MetricsRepository implements MetricsStore {

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    /**
     * PostgreSQL keeps timestamps to the microsecond ({@link EpochMicros}), so two reports differing only
     * in finer digits are one.
     */
    @Override
    public Row prepare(long serverRef, MetricsReport report) {
        return MetricsRow.of(serverRef, report);
    }

    @Override
    public boolean[] insertAll(List<Row> prepared, Instant receivedAt) throws SQLException {
        // Rows this store prepared: the prepared JSON columns travel with them.
        List<MetricsRow> rows = prepared.stream().map(MetricsRow.class::cast).toList();
        boolean[] stored = new boolean[rows.size()];
        if (rows.isEmpty()) {
            return stored;
        }
        long received = EpochMicros.of(receivedAt);
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < rows.size(); from += MetricsInsert.MAX_ROWS) {
                int to = Math.min(rows.size(), from + MetricsInsert.MAX_ROWS);
                MetricsInsert insert = new MetricsInsert(rows.subList(from, to), received, from);
                try (PreparedStatement s = c.prepareStatement(insert.sql())) {
                    insert.bind(s);
                    try (ResultSet inserted = s.executeQuery()) {
                        insert.readInserted(inserted, stored);
                    }
                }
            }
        }
        return stored;
    }
}
