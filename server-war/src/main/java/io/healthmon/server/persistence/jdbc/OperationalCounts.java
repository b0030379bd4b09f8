package io.healthmon.server.persistence.jdbc;

import io.healthmon.server.application.port.DatabaseCounts;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Counts the server's metrics read from the database at a scrape: small queries, each bounded. */
@ApplicationScoped
public class OperationalCounts implements DatabaseCounts {

    /** A scrape must answer even when the database is slow: a count that takes longer is left out. */
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private static final String PENDING_DELIVERIES = "select count(*) from webhook_deliveries where state = 'PENDING'";

    /** This server's connections as PostgreSQL sees them, by state; the pool names itself in application_name. */
    private static final String CONNECTIONS = "select coalesce(state, 'unknown'), count(*) from pg_stat_activity"
            + " where datname = current_database() and application_name = current_setting('application_name')"
            + " group by 1";

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    @Override
    public Counts read() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new Counts(pendingDeliveries(c), connectionsByState(c));
        }
    }

    private static long pendingDeliveries(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PENDING_DELIVERIES)) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, Long> connectionsByState(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(CONNECTIONS)) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }
}
