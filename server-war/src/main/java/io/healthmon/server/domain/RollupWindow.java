package io.healthmon.server.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The 5-minute buckets one run of the rollup job rolls up, those starting in
 * {@code [firstBucket, endBucket)}: every bucket completed since the last run, and again those of
 * the lateness window before it, so a report that arrives up to that late still counts. A run never
 * reaches past {@link #MAX_SPAN} beyond the last one, so a first run over a long history goes by
 * parts instead of one long transaction.
 */
public record RollupWindow(Instant firstBucket, Instant endBucket) {

    public static final Duration BUCKET = Duration.ofMinutes(5);
    public static final Duration MAX_SPAN = Duration.ofDays(1);

    /**
     * The next run's window: from the last run's end less the lateness (on the first run, from
     * {@code now - backfill}) to the last bucket completed at {@code now}; empty when nothing is left.
     */
    public static Optional<RollupWindow> next(Optional<Instant> rolledUntil, Instant now, Duration lateness, Duration backfill) {
        Instant completed = floor(now);
        Instant start = rolledUntil.orElse(floor(now.minus(backfill)));
        Instant end = start.plus(MAX_SPAN).isBefore(completed) ? start.plus(MAX_SPAN) : completed;
        Instant first = floor(start.minus(lateness));
        return first.isBefore(end) ? Optional.of(new RollupWindow(first, end)) : Optional.empty();
    }

    /** The start of the 5-minute bucket holding {@code t}. */
    public static Instant floor(Instant t) {
        long width = BUCKET.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), width) * width);
    }
}
