package io.healthmon.server.persistence.jdbc;

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
public class MetricsRepository {

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    /**
     * Stores the rows; element i is false when a report of that server with that timestamp was
     * already stored (or is earlier in the same list). PostgreSQL keeps timestamps to the microsecond
     * ({@link EpochMicros}), so two reports differing only in finer digits are one.
     */
    public boolean[] insertAll(List<MetricsRow> rows, Instant receivedAt) throws SQLException {
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
