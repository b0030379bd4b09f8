package io.healthmon.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.healthmon.report.MetricsReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
                .check((factor, retries, random) -> {
                    Backoff backoff = new Backoff(factor, retries, Backoff.MAX, () -> random);
                    for (int retry = 2; retry <= retries; retry++) {
                        long previous = backoff.delay(retry - 1, null).toMillis();
                        long wait = backoff.delay(retry, null).toMillis();
                        double ratio = (double) wait / previous;
                        boolean capped = Backoff.BASE.toMillis() * Math.pow(factor, retry - 1) >= Backoff.MAX.toMillis()
                                || wait >= Backoff.MAX.toMillis();
                        // Same jitter draw each time here, so the ratio is the factor up to millisecond rounding.
                        if (!capped && Math.abs(ratio - factor) > 0.01 * factor + 2.0 / previous) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    @Test
    void jitterStaysWithinTenPercentAndRetryAfterIsAFloor() {
        Backoff backoff = new Backoff(2.0, 3, Backoff.MAX, () -> 0.0);
        assertEquals(900, backoff.delay(1, null).toMillis());
        assertEquals(Duration.ofMillis(3600), backoff.delay(3, null));
        assertEquals(Duration.ofSeconds(30), backoff.delay(1, Duration.ofSeconds(30)), "Retry-After wins when longer");
        assertEquals(1099, new Backoff(2.0, 3, Backoff.MAX, () -> 0.999).delay(1, null).toMillis());
    }

    @Test
    void afterTheQuickRetriesEveryWaitIsTheCapWithJitter() {
        Backoff backoff = new Backoff(2.0, 2, Duration.ofSeconds(60), () -> 0.5);
        assertEquals(Duration.ofSeconds(1), backoff.delay(1, null));
        assertEquals(Duration.ofSeconds(2), backoff.delay(2, null));
        assertEquals(Duration.ofSeconds(60), backoff.delay(3, null));
        assertEquals(Duration.ofSeconds(60), backoff.delay(30, null));
        assertEquals(Duration.ofSeconds(54), new Backoff(2.0, 2, Duration.ofSeconds(60), () -> 0.0).delay(3, null));
        assertEquals(Duration.ofSeconds(120), backoff.delay(3, Duration.ofSeconds(120)), "a server's Retry-After may exceed the cap");
        assertEquals(Duration.ofSeconds(4), new Backoff(2.0, 5, Duration.ofSeconds(4), () -> 0.5).delay(4, null),
                "growing waits stop at the cap too");
    }
}
