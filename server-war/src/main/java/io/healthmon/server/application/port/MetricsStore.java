package io.healthmon.server.application.port;

import io.healthmon.report.MetricsReport;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The stored reports, one row per server and collection time. A report is first prepared as a row on
 * the request's own thread ({@link #prepare}): the ingest writers store one group at a time, so what
 * they need not do themselves shortens the chain every request waits on.
 */
public interface MetricsStore {

    /** One validated report of one server, made ready to store. */
    interface Row {
        long serverRef();

        MetricsReport report();
    }

    /** The row of a validated report, its parts written as the store keeps them. */
    Row prepare(long serverRef, MetricsReport report);

    /**
     * Stores rows this store {@linkplain #prepare prepared}; element i is false when a report of that
     * server with that timestamp was already stored (or is earlier in the same list).
     */
    boolean[] insertAll(List<Row> rows, Instant receivedAt) throws SQLException;
}
