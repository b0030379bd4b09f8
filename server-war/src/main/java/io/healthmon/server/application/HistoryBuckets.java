package io.healthmon.server.application;

import java.time.Duration;

/** Picks a bucket width for a history range: the smallest round width that keeps the points few. */
final class HistoryBuckets {

    private static final long[] ROUND_SECONDS = {60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};

    private HistoryBuckets() {
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
