package io.healthmon.server.application.port;

import io.healthmon.server.domain.HistoryLevel;
import io.healthmon.server.domain.RollupBucket;
import io.healthmon.server.domain.RollupWindow;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The reports rolled up into 5-minute and hourly buckets per server. */
public interface RollupStore {

    /**
     * Rolls up the window {@code plan} chooses from how far the 5-minute level is rolled up (empty
     * before the first run), and records the window's end; answers the window, empty if none.
     */
    Optional<RollupWindow> rollUp(Function<Optional<Instant>, Optional<RollupWindow>> plan, Duration maxGap) throws SQLException;

    /** One server's stored buckets of a rollup level that start in {@code [from, to)}, in time order. */
    List<RollupBucket> buckets(HistoryLevel level, long serverRef, Instant from, Instant to) throws SQLException;

    /** Deletes a rollup level's buckets that start before {@code cutoff}; answers how many. */
    int deleteBefore(HistoryLevel level, Instant cutoff) throws SQLException;
}
