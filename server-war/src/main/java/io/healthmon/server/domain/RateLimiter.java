package io.healthmon.server.domain;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key: each key may spend {@code burst} requests at once and regains
 * {@code perMinute} a minute. Thread-safe; buckets that have refilled are forgotten when the map
 * grows large, so a flood of distinct keys cannot exhaust memory.
 */
public final class RateLimiter<K> {

    private static final int FORGET_ABOVE = 100_000;

    private final double capacity;
    private final double tokensPerNano;
    private final Clock clock;
    private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, int burst, Clock clock) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("perMinute and burst must be at least 1");
        }
        this.capacity = burst;
        this.tokensPerNano = perMinute / 60e9;
        this.clock = clock;
    }

    /** Takes one token for the key; the decision says whether it was there, and if not when it will be. */
    public Decision tryAcquire(K key) {
        long now = nanos();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> b.isFull(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, now)).take(now);
    }

    /** Whether the key has a token now, without taking it. */
    public boolean wouldAllow(K key) {
        Bucket bucket = buckets.get(key);
        return bucket == null || bucket.available(nanos()) >= 1;
    }

    /** Seconds until the key has a token again (0 when it has one). */
    public long secondsUntilAllowed(K key) {
        Bucket bucket = buckets.get(key);
        return bucket == null ? 0 : bucket.secondsUntilToken(nanos());
    }

    private long nanos() {
        return clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
    }

    /** Allowed, or refused with the whole seconds to wait (at least 1). */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Decision take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, 0);
            }
            return new Decision(false, secondsUntilToken(now));
        }

        synchronized double available(long now) {
            refill(now);
            return tokens;
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        synchronized long secondsUntilToken(long now) {
            refill(now);
            if (tokens >= 1) {
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano / 1e9));
        }

        private void refill(long now) {
            if (now > updated) {
                tokens = Math.min(capacity, tokens + (now - updated) * tokensPerNano);
                updated = now;
            }
        }
    }
}
