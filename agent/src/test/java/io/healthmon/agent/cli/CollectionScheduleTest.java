package io.healthmon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.agent.collect.Collector;
import io.healthmon.agent.collect.CollectorRunner;
import io.healthmon.agent.collect.ReportBuilder;
import io.healthmon.agent.spool.Spool;
import io.healthmon.agent.transport.Backoff;
import io.healthmon.agent.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collections keep their schedule while the sender is stuck in a request. Time is a clock the
 * collection's sleeper moves; the stuck request is one that returns only when the agent stops.
 */
class CollectionScheduleTest {

    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final int COLLECTIONS = 6;

    @Test
    void collectionsStayOnTheirFixedScheduleWhileTheSenderIsBlockedForSeveralIntervals(@TempDir Path spoolDir)
            throws Exception {
        MutableClock clock = new MutableClock(START);
        Collector cpu = new Collector() {
            @Override
            public String name() {
                return "cpu";
            }

            @Override
            public void collect(ReportBuilder report) {
                clock.advance(Duration.ofSeconds(1)); // a collection takes time too (the CPU sample)
                report.cpuUsage(1.0);
            }
        };
        CollectorRunner runner = new CollectorRunner(List.of(cpu), clock, "web-01", "test");
        Spool spool = new Spool(spoolDir, 10 << 20, Duration.ofDays(7), clock);

        CountDownLatch sending = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        Transport stuck = reports -> {
            requests.incrementAndGet();
            sending.countDown();
            new CountDownLatch(1).await(); // a request that hangs until the agent stops
            throw new AssertionError("unreachable");
        };
        SpoolSender sender = new SpoolSender(spool, stuck, new Backoff(2.0, 3, INTERVAL, () -> 0.5),
                millis -> { }, 10);

        CountDownLatch collected = new CountDownLatch(COLLECTIONS);
        AtomicInteger sleeps = new AtomicInteger();
        AgentService agent = new AgentService(runner, spool, sender, clock, millis -> {
            collected.countDown();
            if (sleeps.getAndIncrement() == 0) {
                // Go on only once the sender is inside its request: what follows is collected while it hangs.
                assertTrue(sending.await(10, TimeUnit.SECONDS), "the sender sent the first report");
            }
            if (sleeps.get() == COLLECTIONS) {
                new CountDownLatch(1).await(); // enough collections: wait here until stopped
            }
            clock.advance(Duration.ofMillis(millis));
        }, INTERVAL, 3);

        AgentRun running = AgentRun.start(agent);
        assertTrue(collected.await(10, TimeUnit.SECONDS), "collections went on while the sender was stuck");
        running.stopAndCheckItEnded();

        assertEquals(1, requests.get(), "the sender was in its first request all along");
        List<Instant> timestamps = new ArrayList<>();
        for (Spool.Entry entry : spool.oldest(100)) {
            timestamps.add(entry.report().timestamp());
        }
        List<Instant> onSchedule = new ArrayList<>();
        for (int i = 0; i < COLLECTIONS; i++) {
            onSchedule.add(START.plus(INTERVAL.multipliedBy(i)).plusSeconds(1)); // each collection ends 1 s after its start
        }
        assertEquals(onSchedule, timestamps, "every report collected on schedule, and every one kept in the spool");
    }
}
