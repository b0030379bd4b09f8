package io.healthmon.server.persistence.jdbc;

import io.healthmon.server.application.port.HistoryPruning;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Deletes what alerting keeps past its retention: resolved alerts (their deliveries go with them) and
 * finished webhook deliveries. Open alerts and pending deliveries are never deleted, however old.
 * Each delete is its own statement, found by an index on the time it goes by.
 */
@ApplicationScoped
public class AlertPruning implements HistoryPruning {

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    @Override
    public int deleteResolvedBefore(Instant cutoff) throws SQLException {
        return delete("delete from alerts where state = 'RESOLVED' and resolved_at < ?", cutoff);
    }

    @Override
    public int deleteFinishedDeliveriesBefore(Instant cutoff) throws SQLException {
        return delete("delete from webhook_deliveries where state <> 'PENDING' and created_at < ?", cutoff);
    }

    private int delete(String sql, Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, ParameterTimes.utc(cutoff));
            return s.executeUpdate();
        }
    }
}
