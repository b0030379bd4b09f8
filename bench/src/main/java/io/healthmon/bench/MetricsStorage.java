package io.healthmon.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** What the metrics table takes on disk per row, indexes included, over all its partitions. */
final class MetricsStorage {

    private MetricsStorage() {
    }

    static String describe(String database) {
        try (Connection c = DriverManager.getConnection(database);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select (select sum(pg_total_relation_size(i.inhrelid)) from pg_inherits i"
                     + " where i.inhparent = 'metrics'::regclass), (select count(*) from metrics)")) {
            r.next();
            long bytes = r.getLong(1);
            long rows = r.getLong(2);
            return String.format(Locale.ROOT, "metrics storage    %.0f bytes/row, indexes included (%d rows, %.1f MB)",
                    rows == 0 ? 0.0 : (double) bytes / rows, rows, bytes / 1e6);
        } catch (SQLException e) {
            return "(metrics storage not read: " + e.getMessage() + ")";
        }
    }
}
