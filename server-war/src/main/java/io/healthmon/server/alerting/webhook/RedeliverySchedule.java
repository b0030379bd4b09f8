package io.healthmon.server.alerting.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: after {@code initial}, doubling each attempt up to
 * {@code max}, plus up to 10% jitter so receivers coming back are not hit by every server at once;
 * never sooner than the receiver's {@code Retry-After}; not at all once {@code maxAttempts} are spent.
 * The schedule lives in the outbox row, not in memory, so it survives a restart: that is why this is
 * not MicroProfile Fault Tolerance's {@code @Retry}.
 */
public record RedeliverySchedule(int maxAttempts, Duration initial, Duration max) {

    /**
     * @param attemptsSoFar attempts made, counting the one that just failed
     * @param retryAfter what the receiver asked for, if anything
     * @return when to try again, or empty when the delivery has failed for good
     */
    public Optional<Instant> next(int attemptsSoFar, Instant now, Optional<Duration> retryAfter, RandomGenerator random) {
        if (attemptsSoFar >= maxAttempts) {
            return Optional.empty();
        }
        int doublings = Math.min(attemptsSoFar - 1, 30);
        long millis = Math.min(max.toMillis(), initial.toMillis() << doublings);
        long jitter = millis / 10 == 0 ? 0 : random.nextLong(millis / 10 + 1);
        Duration delay = Duration.ofMillis(millis + jitter);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get().compareTo(max) > 0 ? max : retryAfter.get();
        }
        return Optional.of(now.plus(delay));
    }
}
