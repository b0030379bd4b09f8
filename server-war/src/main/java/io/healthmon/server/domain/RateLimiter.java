package io.healthmon.server.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets by key: each key may spend {@code burst} requests at once and regains
 * {@code perMinute} a minute. The buckets live in a concurrent map, this instance's own or one that
 * every instance of a cluster shares (then a key's budget is spent across them all, not once per
 * instance). A bucket is a {@code long[]} of its tokens and when they were counted, replaced whole by
 * compare-and-set, so the map needs no lock and its values are plain JDK types. A missing bucket is
 * a full one, so a shared map may let idle buckets expire; this instance's own forgets full buckets
 * when it grows large, so a flood of distinct keys cannot exhaust memory.
 */
public final class RateLimiter<K> {

    private static final int FORGET_ABOVE = 100_000;

    private final double capacity;
    private final double tokensPerNano;
    private final Clock clock;
    private final ConcurrentMap<K, long[]> buckets;
    private final boolean boundedHere;

    /** Buckets of this instance alone. */
    public RateLimiter(int perMinute, int burst, Clock clock) {
        this(perMinute, burst, clock, new ConcurrentHashMap<>(), true);
    }

    /** Buckets in {@code shared}, which bounds its own size. */
    public RateLimiter(int perMinute, int burst, Clock clock, ConcurrentMap<K, long[]> shared) {
        this(perMinute, burst, clock, shared, false);
    }

    private RateLimiter(int perMinute, int burst, Clock clock, ConcurrentMap<K, long[]> buckets, boolean boundedHere) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("perMinute and burst must be at least 1");
        }
        this.capacity = burst;
        this.tokensPerNano = perMinute / 60e9;
        this.clock = clock;
        this.buckets = buckets;
        this.boundedHere = boundedHere;
    }

    /** How long an untouched bucket takes to fill up again: a shared map may forget buckets after that. */
    public static Duration refillTime(int perMinute, int burst) {
        return Duration.ofSeconds((long) Math.ceil(burst * 60.0 / perMinute) + 1);
    }

    /** Takes one token for the key; the decision says whether it was there, and if not when it will be. */
    public Decision tryAcquire(K key) {
        long now = nanos();
        if (boundedHere && buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> tokens(b, now) >= capacity);
        }
        while (true) {
            long[] old = buckets.get(key);
            double tokens = old == null ? capacity : tokens(old, now);
            if (tokens < 1) {
                return new Decision(false, secondsUntilToken(tokens));
            }
            long[] taken = {Double.doubleToLongBits(tokens - 1), Math.max(now, old == null ? now : old[1])};
            if (old == null ? buckets.putIfAbsent(key, taken) == null : buckets.replace(key, old, taken)) {
                return new Decision(true, 0);
            }
            // Another request (here or on another instance) spent from this bucket meanwhile: count again.
        }
    }

    /** Whether the key has a token now, without taking it. */
    public boolean wouldAllow(K key) {
        long[] bucket = buckets.get(key);
        return bucket == null || tokens(bucket, nanos()) >= 1;
    }

    /** Seconds until the key has a token again (0 when it has one). */
    public long secondsUntilAllowed(K key) {
        long[] bucket = buckets.get(key);
        return bucket == null ? 0 : secondsUntilToken(tokens(bucket, nanos()));
    }

    /** The bucket's tokens at {@code now}: those counted, plus what the time since has refilled. */
    private double tokens(long[] bucket, long now) {
        double counted = Double.longBitsToDouble(bucket[0]);
        long since = now - bucket[1]; // negative when another instance's clock runs ahead: no refill then
        return since > 0 ? Math.min(capacity, counted + since * tokensPerNano) : counted;
    }

    private long secondsUntilToken(double tokens) {
        return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano / 1e9));
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Allowed, or refused with the whole seconds to wait (at least 1). */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }
}
