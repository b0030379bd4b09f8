package io.healthmon.server.application;

import io.healthmon.server.domain.HistoryLevel;
import java.time.Duration;
import java.time.Instant;

/**
 * Picks how a history range is answered: each report when the range holds few enough and the reports
 * are still kept; otherwise buckets of the smallest round width that keeps the points few, read from
 * the coarsest level that width allows (reports below 5 minutes, 5-minute rollups below an hour,
 * hourly rollups from an hour up), or from a coarser one when the range starts before the finer
 * level's retention. With {@link FleetQueries#MAX_POINTS} 720 and reports a minute apart, ranges
 * above 12 hours are bucketed, above a day read 5-minute rollups, above 15 days (30 among them) hourly ones.
 */
final class HistoryBuckets {

    private static final long[] ROUND_SECONDS = {60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};

    private HistoryBuckets() {
    }

    /** A history answer's level and bucket width ({@code bucketSeconds} 0: each report). */
    record Plan(HistoryLevel level, long bucketSeconds) {
    }

    /**
     * @param expectedPoints the reports the range holds at the agents' usual interval
     * @param rawRetention how long reports are kept; {@code fiveMinuteRetention} the 5-minute rollups
     */
    static Plan plan(Instant from, Instant to, Instant now, long expectedPoints, int maxPoints, Duration rawRetention,
            Duration fiveMinuteRetention) {
        HistoryLevel byAge = from.isBefore(now.minus(fiveMinuteRetention)) ? HistoryLevel.HOURLY
                : from.isBefore(now.minus(rawRetention)) ? HistoryLevel.FIVE_MINUTES : HistoryLevel.RAW;
        if (byAge == HistoryLevel.RAW && expectedPoints <= maxPoints) {
            return new Plan(HistoryLevel.RAW, 0);
        }
        long width = Math.max(bucketSeconds(Duration.between(from, to), maxPoints), byAge.bucketSeconds());
        HistoryLevel byWidth = width >= HistoryLevel.HOURLY.bucketSeconds() ? HistoryLevel.HOURLY
                : width >= HistoryLevel.FIVE_MINUTES.bucketSeconds() ? HistoryLevel.FIVE_MINUTES : HistoryLevel.RAW;
        HistoryLevel level = byWidth.compareTo(byAge) >= 0 ? byWidth : byAge;
        long unit = Math.max(1, level.bucketSeconds());
        return new Plan(level, (width + unit - 1) / unit * unit);
    }

    static long bucketSeconds(Duration range, int maxPoints) {
        long needed = (long) Math.ceil(range.toSeconds() / (double) maxPoints);
        for (long width : ROUND_SECONDS) {
            if (width >= needed) {
                return width;
            }
        }
        return Math.max(needed, ROUND_SECONDS[ROUND_SECONDS.length - 1]);
    }
}
