package io.healthmon.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.healthmon.report.MetricsReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TransportPropertyTest {

    private static LoopbackServer server;
    private static final HttpPoster HTTP = new HttpPoster(null, Duration.ofSeconds(2), Duration.ofSeconds(5));

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static MetricsReport report(String serverId, Instant t) {
        return MetricsReport.of(serverId, t, 12.5, null, List.of(), null, 100L, List.of());
    }

    @Test
    @DisplayName("Property 4: every request the agent sends carries its API key in the Authorization header")
    void property4_everyRequestCarriesTheKey() {
        qt().withExamples(100)
                .forAll(strings().basicLatinAlphabet().ofLengthBetween(16, 60).map(s -> s.replaceAll("\\s", "x")),
                        integers().between(1, 5))
                .check((key, batchSize) -> {
                    int before = server.requestCount();
                    HttpTransport transport = new HttpTransport(HTTP, server.url(), key);
                    List<MetricsReport> batch = new ArrayList<>();
                    for (int i = 0; i < batchSize; i++) {
                        batch.add(report("h", Instant.now().plusNanos(i * 1000L)));
                    }
                    try {
                        SendOutcome outcome = transport.send(batch);
                        List<String> seen = server.authorizations().subList(before, server.requestCount());
                        return outcome instanceof SendOutcome.Accepted && seen.size() == 1
                                && seen.get(0).equals("Bearer " + key);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    @DisplayName("Property 5: each retry waits about the backoff factor times the previous wait")
    void property5_backoffIsExponential() {
        qt().withExamples(200).forAll(doubles().between(1.5, 4.0), integers().between(2, 6), doubles().between(0, 0.999999))
                .check((factor, attempts, random) -> {
                    List<Long> sleeps = new ArrayList<>();
                    Transport alwaysDown = reports -> new SendOutcome.RetryLater("connection refused", null);
                    RetryingSender sender = new RetryingSender(alwaysDown, new Backoff(factor, () -> random), sleeps::add, attempts);
                    try {
                        SendOutcome outcome = sender.send(List.of(report("h", Instant.EPOCH)));
                        if (!(outcome instanceof SendOutcome.RetryLater) || sleeps.size() != attempts) {
                            return false;
                        }
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    for (int i = 1; i < sleeps.size(); i++) {
                        double ratio = (double) sleeps.get(i) / sleeps.get(i - 1);
                        // Same jitter draw each time here, so the ratio is the factor up to millisecond rounding.
                        if (sleeps.get(i) < Backoff.MAX.toMillis() && Math.abs(ratio - factor) > 0.01 * factor + 2.0 / sleeps.get(i - 1)) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    @Test
    void jitterStaysWithinTenPercentAndRetryAfterIsAFloor() {
        Backoff backoff = new Backoff(2.0, () -> 0.0);
        assertEquals(900, backoff.delay(1, null).toMillis());
        assertEquals(Duration.ofMillis(3600), backoff.delay(3, null));
        assertEquals(Duration.ofSeconds(30), backoff.delay(1, Duration.ofSeconds(30)), "Retry-After wins when longer");
        assertEquals(1099, new Backoff(2.0, () -> 0.999).delay(1, null).toMillis());
    }

    @Test
    void onlyOutcomesWorthRetryingAreRetried() throws Exception {
        List<Long> sleeps = new ArrayList<>();
        Transport rejecting = reports -> new SendOutcome.Rejected(400, "cpu_usage: must be at most 100");
        SendOutcome outcome = new RetryingSender(rejecting, new Backoff(2, () -> 0.5), sleeps::add, 3)
                .send(List.of(report("h", Instant.EPOCH)));
        assertInstanceOf(SendOutcome.Rejected.class, outcome);
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void statusCodesMapToWhatTheAgentDoes() {
        assertInstanceOf(SendOutcome.Accepted.class, HttpTransport.outcome(200, "{}", Optional.empty()));
        assertInstanceOf(SendOutcome.Rejected.class, HttpTransport.outcome(400, "{\"detail\":\"bad\"}", Optional.empty()));
        assertInstanceOf(SendOutcome.Unauthorized.class, HttpTransport.outcome(401, "", Optional.empty()));
        assertInstanceOf(SendOutcome.Unauthorized.class, HttpTransport.outcome(403, "", Optional.empty()));
        assertInstanceOf(SendOutcome.TooLarge.class, HttpTransport.outcome(413, "", Optional.empty()));
        assertInstanceOf(SendOutcome.Rejected.class, HttpTransport.outcome(415, "", Optional.empty()));
        for (int status : new int[] {408, 429, 500, 502, 503}) {
            assertInstanceOf(SendOutcome.RetryLater.class, HttpTransport.outcome(status, "", Optional.empty()));
        }
        var later = (SendOutcome.RetryLater) HttpTransport.outcome(429, "", Optional.of("7"));
        assertEquals(Duration.ofSeconds(7), later.retryAfter());
        assertEquals("bad; cpu_usage: must be at most 100",
                HttpTransport.detail("{\"detail\":\"bad\",\"errors\":[{\"field\":\"cpu_usage\",\"rule\":\"must be at most 100\"}]}"));
    }
}
