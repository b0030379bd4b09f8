package io.healthmon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.agent.json.JsonTree;
import io.healthmon.agent.spool.Spool;
import io.healthmon.agent.transport.Backoff;
import io.healthmon.agent.transport.SendOutcome;
import io.healthmon.agent.transport.Transport;
import io.healthmon.report.MetricsReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolSenderTest {

    private static final SendOutcome ACCEPTED = new SendOutcome.Accepted(JsonTree.parseLeniently("{\"accepted\":1}"));

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final List<Long> sleeps = new ArrayList<>();
    private final Backoff backoff = new Backoff(2.0, 3, Duration.ofSeconds(60), () -> 0.5);

    private Spool spool() throws Exception {
        return new Spool(dir, 10 << 20, Duration.ofDays(7), clock);
    }

    private static MetricsReport report(Instant t) {
        return MetricsReport.of("web-01", t, 12.5, null, List.of(), null, 100L, List.of());
    }

    @Test
    void reportsTheServerDidNotJudgeStayAndAreSentAgainAfterBackoffWithRetryAfterAsAFloor() throws Exception {
        Spool spool = spool();
        spool.add(report(clock.instant()));
        ScriptedTransport transport = new ScriptedTransport(
                new SendOutcome.Unavailable("server answered 404 (not healthmon's own answer: text/html)", null),
                new SendOutcome.RetryLater("server answered 429: too many requests", Duration.ofSeconds(30)),
                ACCEPTED);

        new SpoolSender(spool, transport, backoff, sleeps::add, 10).drain(5);

        assertEquals(List.of(1_000L, 30_000L), sleeps);
        assertEquals(3, transport.requests.size());
        assertEquals(transport.requests.get(0), transport.requests.get(2), "the same report, sent again");
        assertEquals(0, spool.size());
        assertFalse(Files.exists(dir.resolve("rejected")));
    }

    @Test
    void reportsTheApplicationRejectedAreSetAsideAndNotSentAgain() throws Exception {
        Spool spool = spool();
        spool.add(report(clock.instant()));
        ScriptedTransport transport = new ScriptedTransport(new SendOutcome.Rejected(400, "cpu_usage: must be at most 100"));

        new SpoolSender(spool, transport, backoff, sleeps::add, 10).drain(3);

        assertEquals(List.of(), sleeps);
        assertEquals(1, transport.requests.size());
        assertEquals(0, spool.size());
        try (var rejected = Files.list(dir.resolve("rejected"))) {
            assertEquals(1, rejected.count());
        }
    }

    @Test
    void aSingleReportTooLargeForAProxyIsKeptButTooLargeForTheApplicationIsRejected() throws Exception {
        Spool spool = spool();
        spool.add(report(clock.instant()));
        ScriptedTransport proxy = new ScriptedTransport(new SendOutcome.TooLarge("", false), ACCEPTED);
        new SpoolSender(spool, proxy, backoff, sleeps::add, 1).drain(1);
        assertEquals(List.of(1_000L), sleeps);
        assertEquals(2, proxy.requests.size());
        assertFalse(Files.exists(dir.resolve("rejected")));

        spool.add(report(clock.instant().plusSeconds(1)));
        ScriptedTransport application = new ScriptedTransport(new SendOutcome.TooLarge("at most 1 MiB", true));
        new SpoolSender(spool, application, backoff, sleeps::add, 1).drain(1);
        assertEquals(0, spool.size());
        assertTrue(Files.exists(dir.resolve("rejected")));
    }

    @Test
    void anIdleSenderSendsWhenWokenAndStopsOnInterruptionLeavingTheSpool() throws Exception {
        Spool spool = spool();
        CountDownLatch sent = new CountDownLatch(2);
        Transport down = reports -> {
            sent.countDown();
            return new SendOutcome.Unavailable("connection refused", null);
        };
        SpoolSender sender = new SpoolSender(spool, down, backoff, millis -> {
            sleeps.add(millis);
            if (sleeps.size() == 2) {
                new CountDownLatch(1).await(); // back off until stopped
            }
        }, 10);
        Thread thread = new Thread(sender, "test-send");
        thread.start();

        spool.add(report(clock.instant()));
        sender.wake();
        assertTrue(sent.await(10, TimeUnit.SECONDS), "woken, the sender sends (and sends again after backing off)");
        thread.interrupt();
        thread.join(10_000);

        assertFalse(thread.isAlive());
        assertEquals(List.of(1_000L, 2_000L), sleeps);
        assertEquals(1, spool.size());
    }
}
