package io.healthmon.server.persistence.schema;

import io.healthmon.server.application.port.ReportPartitions;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the metrics table's daily partitions a week ahead, when {@code application.PartitionSchedule}
 * asks: on every instance as soon as the schema is applied, and hourly on the one that holds the
 * partitions' duty; and drops those past the retention period when the history job asks
 * ({@code application.HistoryMaintenance}). A transaction-scoped advisory lock makes
 * instances that start together take turns, so none finds a partition another is creating. The SQL
 * functions live in the changelog.
 */
@Singleton
@Local(ReportPartitions.class)
public class MetricsPartitions implements ReportPartitions {

    static final int DAYS_AHEAD = 7;
    private static final Logger LOG = Logger.getLogger(MetricsPartitions.class.getName());

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    @Inject
    Clock clock;

    @Override
    public void ensureAhead() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        try (Connection c = dataSource.getConnection()) {
            takeTurn(c);
            int created = call(c, "{? = call healthmon_ensure_metrics_partitions(?, ?)}", today.minusDays(1), DAYS_AHEAD + 2);
            if (created > 0) {
                LOG.info("Metrics partitions: " + created + " created");
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Metrics partition maintenance failed; it runs again next hour, and reports"
                    + " still land in the default partition meanwhile. Cause: " + e.getMessage());
        }
    }

    @Override
    public int dropBefore(LocalDate cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            takeTurn(c);
            return call(c, "{? = call healthmon_drop_metrics_before(?)}", cutoff, null);
        }
    }

    /** Waits for another instance maintaining the partitions; the lock ends with this method's transaction. */
    private static void takeTurn(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(hashtext('healthmon-metrics-partitions'))")) {
            s.execute();
        }
    }

    private static int call(Connection c, String sql, LocalDate day, Integer days) throws SQLException {
        try (CallableStatement s = c.prepareCall(sql)) {
            s.registerOutParameter(1, java.sql.Types.INTEGER);
            s.setObject(2, day);
            if (days != null) {
                s.setInt(3, days);
            }
            s.execute();
            return s.getInt(1);
        }
    }
}
