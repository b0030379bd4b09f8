package io.healthmon.launcher;

import java.time.Duration;
import java.util.Optional;

/**
 * When the launcher starts a part that died again: after {@code firstDelay}, doubled for each further
 * failure within {@code window}, at most {@code maxDelay}; once a part has failed more than
 * {@code maxRestarts} times within {@code window}, it is not restarted (a part that keeps dying has
 * a cause that another restart will not remove, and a loop would hide it).
 */
record RestartPolicy(Duration firstDelay, Duration maxDelay, int maxRestarts, Duration window) {

    /** 1, 2, 4, 8, 16 s; a sixth failure within 5 minutes gives up. */
    static final RestartPolicy DEFAULT = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(5));

    RestartPolicy {
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || maxRestarts < 0 || window.isNegative()) {
            throw new IllegalArgumentException("not a restart policy: " + firstDelay + ", " + maxDelay + ", " + maxRestarts + ", " + window);
        }
    }

    /**
     * The wait before restarting a part that has now failed {@code failuresInWindow} times within the
     * window (this failure included, so at least 1), or empty when it is not to be restarted.
     */
    Optional<Duration> delayAfter(int failuresInWindow) {
        if (failuresInWindow < 1) {
            throw new IllegalArgumentException("a restart follows a failure: " + failuresInWindow);
        }
        if (failuresInWindow > maxRestarts) {
            return Optional.empty();
        }
        Duration delay = firstDelay;
        for (int i = 1; i < failuresInWindow && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
