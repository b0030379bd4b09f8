package io.healthmon.server.application.port;

import java.sql.SQLException;
import java.time.LocalDate;

/** The reports' daily partitions: kept a week ahead, and dropped past the reports' retention. */
public interface ReportPartitions {

    /** Creates the partitions ahead (those that exist are left as they are); a failure is logged, not thrown. */
    void ensureAhead();

    /**
     * Drops the daily partitions that end on or before {@code cutoff}, and deletes older rows of the
     * default partition; answers how many partitions were dropped.
     */
    int dropBefore(LocalDate cutoff) throws SQLException;
}
