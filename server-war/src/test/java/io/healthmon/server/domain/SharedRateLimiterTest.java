package io.healthmon.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two limiters over one map stand for two instances sharing the grid's map: one budget between them. */
class SharedRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T06:00:00Z"));

    @Test
    void twoInstancesSharingTheBucketsAllowTheBurstOnceBetweenThem() {
        ConcurrentMap<Long, long[]> grid = new ConcurrentHashMap<>();
        RateLimiter<Long> a = new RateLimiter<>(60, 10, clock, grid);
        RateLimiter<Long> b = new RateLimiter<>(60, 10, clock, grid);
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            allowed += (i % 2 == 0 ? a : b).tryAcquire(7L).allowed() ? 1 : 0;
        }
        assertEquals(10, allowed, "the burst, once, across both");
        assertFalse(b.wouldAllow(7L));
        assertEquals(1, a.secondsUntilAllowed(7L), "60 a minute: one token a second");
        clock.advance(Duration.ofSeconds(3));
        assertTrue(b.tryAcquire(7L).allowed());
        assertTrue(a.tryAcquire(7L).allowed());
        assertTrue(b.tryAcquire(7L).allowed());
        assertFalse(a.tryAcquire(7L).allowed(), "three seconds refilled three tokens, spent on either instance");
        assertTrue(a.tryAcquire(8L).allowed(), "another key has its own bucket");
    }

    @Test
    void concurrentRequestsOnBothInstancesNeverSpendMoreThanTheBurst() throws Exception {
        ConcurrentMap<String, long[]> grid = new ConcurrentHashMap<>();
        List<RateLimiter<String>> instances = List.of(new RateLimiter<>(1, 500, clock, grid), new RateLimiter<>(1, 500, clock, grid));
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            RateLimiter<String> limiter = instances.get(t % 2);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    if (limiter.tryAcquire("key").allowed()) {
                        allowed.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(500, allowed.get(), "1,600 attempts against a burst of 500 and a frozen clock");
    }

    @Test
    void anotherInstancesClockAheadRefillsNothingAndTakesNothingBack() {
        ConcurrentMap<Long, long[]> grid = new ConcurrentHashMap<>();
        MutableClock ahead = new MutableClock(Instant.parse("2026-12-06T06:00:05Z"));
        RateLimiter<Long> a = new RateLimiter<>(60, 2, clock, grid);
        RateLimiter<Long> b = new RateLimiter<>(60, 2, ahead, grid);
        assertTrue(b.tryAcquire(1L).allowed());
        assertTrue(a.tryAcquire(1L).allowed(), "a's clock is behind the bucket's: it counts what is there");
        assertFalse(a.tryAcquire(1L).allowed());
        assertFalse(b.tryAcquire(1L).allowed());
    }
}
