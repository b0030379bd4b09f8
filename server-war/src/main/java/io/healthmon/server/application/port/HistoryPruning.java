package io.healthmon.server.application.port;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Deletes what alerting keeps past its retention. Open alerts and pending deliveries are never
 * deleted, however old.
 */
public interface HistoryPruning {

    /** Alerts resolved before {@code cutoff}, their deliveries with them; answers how many alerts. */
    int deleteResolvedBefore(Instant cutoff) throws SQLException;

    /** Deliveries delivered or given up that were created before {@code cutoff}; answers how many. */
    int deleteFinishedDeliveriesBefore(Instant cutoff) throws SQLException;
}
