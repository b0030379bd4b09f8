package io.healthmon.server.application.port;

import io.healthmon.server.domain.LatestUsage;
import io.healthmon.server.domain.MetricsHistory;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One server's reports over a time range, raw or averaged into buckets. An interface's throughput is
 * over intervals of at most {@code maxGap}: across a longer one the counters say nothing of a rate.
 */
public interface MetricsHistoryReads {

    /**
     * Each report collected in {@code [from, to)}, at most {@code limit}, in time order; an interface's
     * rate at a report is from its report before, which for the first may lie up to {@code maxGap}
     * before {@code from}.
     */
    List<MetricsHistory.Point> raw(long serverRef, Instant from, Instant to, int limit, Duration maxGap) throws SQLException;

    /**
     * The reports of {@code [from, to)} averaged over buckets of {@code bucketSeconds}, in time order,
     * with each metric's extremes; an interface's rate in a bucket is over its intervals ending there.
     */
    List<MetricsHistory.Point> bucketed(long serverRef, Instant from, Instant to, long bucketSeconds, Duration maxGap)
            throws SQLException;

    /**
     * The inode use of the newest report collected before {@code until}, and each interface's rate
     * from the report before it; {@link LatestUsage#NONE} when none lies within {@code maxGap}.
     */
    LatestUsage latest(long serverRef, Instant until, Duration maxGap) throws SQLException;
}
