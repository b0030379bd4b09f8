package io.healthmon.agent.transport;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before retry {@code n} (1-based) of the first {@code retries}
 * wait {@code base * factor^(n-1)}, at most {@code cap}; after those, wait {@code cap} each time. Every
 * wait is scaled by a random factor in [1 - jitter, 1 + jitter] so a fleet that lost the server at
 * once does not return at once (after the cap too, so agents waiting the cap still spread out). A
 * server's Retry-After is a floor, up to {@link #MAX}.
 */
public final class Backoff {

    static final Duration BASE = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(5);
    static final double JITTER = 0.1;

    private final double factor;
    private final int retries;
    private final long capMillis;
    private final DoubleSupplier random;

    /**
     * @param retries how many waits grow before every wait is the cap
     * @param cap     the longest wait of our own choosing, clamped to [{@link #BASE}, {@link #MAX}]
     * @param random  uniform in [0, 1)
     */
    public Backoff(double factor, int retries, Duration cap, DoubleSupplier random) {
        if (factor < 1.0) {
            throw new IllegalArgumentException("backoff factor must be at least 1, was " + factor);
        }
        this.factor = factor;
        this.retries = retries;
        this.capMillis = Math.max(BASE.toMillis(), Math.min(MAX.toMillis(), cap.toMillis()));
        this.random = random;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delay(int retry, Duration retryAfter) {
        double nominal = retry > retries ? capMillis : Math.min(capMillis, BASE.toMillis() * Math.pow(factor, retry - 1));
        double jittered = nominal * (1 - JITTER + 2 * JITTER * random.getAsDouble());
        long millis = (long) Math.min(MAX.toMillis(), jittered);
        if (retryAfter != null && retryAfter.toMillis() > millis) {
            millis = Math.min(MAX.toMillis(), retryAfter.toMillis());
        }
        return Duration.ofMillis(millis);
    }
}
