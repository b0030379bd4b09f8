package io.healthmon.server.application.port;

import java.sql.SQLException;
import java.util.Map;

/** Counts the server's own metrics read from the database at a scrape: small queries, each bounded. */
public interface DatabaseCounts {

    /**
     * The outbox's pending notices, and connections by state ({@code active}, {@code idle},
     * {@code idle in transaction}...), the asking connection included.
     */
    record Counts(long pendingDeliveries, Map<String, Long> connectionsByState) {
    }

    /** Both counts over one connection. */
    Counts read() throws SQLException;
}
