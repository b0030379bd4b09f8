package io.healthmon.agent.transport;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before retry {@code n} (1-based) wait
 * {@code base * factor^(n-1)}, scaled by a random factor in [1 - jitter, 1 + jitter] so a fleet that
 * lost the server at once does not return at once. A server's Retry-After is a floor.
 */
public final class Backoff {

    static final Duration BASE = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(5);
    static final double JITTER = 0.1;

    private final double factor;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    public Backoff(double factor, DoubleSupplier random) {
        if (factor < 1.0) {
            throw new IllegalArgumentException("backoff factor must be at least 1, was " + factor);
        }
        this.factor = factor;
        this.random = random;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delay(int retry, Duration retryAfter) {
        double nominal = BASE.toMillis() * Math.pow(factor, retry - 1);
        double jittered = nominal * (1 - JITTER + 2 * JITTER * random.getAsDouble());
        long millis = (long) Math.min(MAX.toMillis(), jittered);
        if (retryAfter != null && retryAfter.toMillis() > millis) {
            millis = Math.min(MAX.toMillis(), retryAfter.toMillis());
        }
        return Duration.ofMillis(millis);
    }
}
