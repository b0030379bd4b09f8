package io.healthmon.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.healthmon.testsupport.FrozenDatabase;
import io.healthmon.testsupport.ProxiedDatabaseExtension;
import io.healthmon.testsupport.ProxiedDatabaseExtension.DatabaseAwayAtStart;
import io.healthmon.testsupport.ServerLog;
import io.healthmon.testsupport.TestDatabase;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database is away when the server starts, and later goes away while agents post, and comes back
 * each time. The server reaches PostgreSQL through a proxy the test cuts and restores. At the start
 * the application still deploys: readiness DOWN, 503 with Retry-After, then ready and serving once the
 * database answers, without a restart. During the later outage every report answered 2xx is in the
 * database afterwards, every other answer was 503 with Retry-After (no other 5xx, no request left
 * hanging), readiness is DOWN, and the server recovers without a restart.
 */
@ExtendWith({ProxiedDatabaseExtension.class, ArquillianExtension.class})
@DatabaseAwayAtStart
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageIT {

    private static final int AGENTS = 4;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("healthmon.war")));
    }

    @Test
    @Order(1)
    void startsWhileTheDatabaseIsAwayAndServesOnceItAnswers() throws Exception {
        ApiClient api = new ApiClient(base);
        ApiClient.Answer ready = api.get("health/ready", Map.of());
        assertEquals(503, ready.status(), "readiness while the database is away: " + ready);
        assertTrue(ready.body().contains("\"database\""), "the application's own check answers, so it is deployed: " + ready);
        String serverId = "late-db-" + UUID.randomUUID().toString().substring(0, 6);
        ApiClient.Answer refused = api.post("api/v1/register", "{\"server_id\":\"" + serverId + "\"}",
                Map.of("Authorization", "Bearer " + ApiClient.ENROLLMENT_TOKEN));
        assertEquals(503, refused.status(), "registration while the database is away: " + refused);
        assertNotNull(refused.header("Retry-After"), "503 says when to retry: " + refused);
        assertEquals(503, api.getAsOperator("api/v1/servers").status());

        ProxiedDatabaseExtension.proxy().restore();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1)); // the schema is tried again every 10 s
        while (api.get("health/ready", Map.of()).status() != 200) {
            if (Instant.now().isAfter(deadline)) {
                fail("not ready within a minute of the database's return: " + api.get("health/ready", Map.of()));
            }
            pause(250);
        }
        String key = api.register(serverId);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Answer stored = api.postMetrics(key, Reports.report(serverId, at, 10, 10));
        assertEquals(200, stored.status(), "a report once the database answers: " + stored);
        ApiClient.Answer server = api.getAsOperator("api/v1/servers/" + serverId);
        assertEquals(200, server.status(), server.toString());
        assertTrue(server.body().contains("\"HEALTHY\""), "classified from its report: " + server);
    }

    @Test
    @Order(2)
    void reportsAnswered2xxSurviveAnOutageAndTheServerRecoversByItself() throws Exception {
        ProxiedDatabaseExtension.proxy().restore(); // should the first test have failed before restoring it
        ApiClient api = new ApiClient(base);
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> servers = new ArrayList<>();
        Map<String, String> keys = new ConcurrentHashMap<>();
        for (int i = 0; i < AGENTS; i++) {
            String id = "outage-" + run + "-" + i;
            servers.add(id);
            keys.put(id, api.register(id));
        }

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
        List<Future<?>> agents = new ArrayList<>();
        Instant first = Instant.now().minusSeconds(1800).truncatedTo(ChronoUnit.SECONDS);
        for (String id : servers) {
            agents.add(pool.submit(() -> {
                int n = 0;
                while (posting.get()) {
                    Instant at = first.plusMillis(100L * n++);
                    ApiClient.Answer a;
                    try {
                        a = api.postMetrics(keys.get(id), Reports.report(id, at, 10, 10));
                    } catch (UncheckedIOException e) {
                        problems.add("no answer within 30 s: " + e.getMessage());
                        continue;
                    }
                    statuses.merge(a.status(), 1, Integer::sum);
                    if (a.status() == 200) {
                        acknowledged.add(id + "@" + at);
                    } else if (a.status() != 503 && a.status() != 429) {
                        problems.add(a.status() + ": " + a.body());
                    } else if (a.status() == 503 && a.header("Retry-After") == null) {
                        problems.add("503 without Retry-After");
                    }
                    pause(50);
                }
                return null;
            }));
        }

        awaitStatus(statuses, 200, "reports are stored before the outage");
        long logLinesBefore = ServerLog.lines();
        ProxiedDatabaseExtension.proxy().cut();
        awaitStatus(statuses, 503, "agents are told to retry during the outage");
        assertEquals(503, api.get("health/ready", Map.of()).status(), "readiness is DOWN while the database is away");
        assertEquals(503, api.get("api/v1/health", Map.of()).status());
        assertEquals(503, api.getAsOperator("api/v1/prometheus").status(), "the fleet cannot be read: 503, no partial exposition");
        long scrapeStarted = System.nanoTime();
        ApiClient.Answer metrics = api.get("metrics?scope=application", Map.of("Accept", "text/plain"));
        Duration scrape = Duration.ofNanos(System.nanoTime() - scrapeStarted);
        assertEquals(200, metrics.status(), "the server's own metrics answer during the outage");
        assertTrue(scrape.compareTo(Duration.ofSeconds(10)) < 0,
                "within Prometheus's default scrape timeout of 10 s, though the database is away: " + scrape);
        assertTrue(metrics.body().contains("healthmon_webhook_outbox_pending{mp_scope=\"application\"} NaN"),
                "a count the database cannot give is NaN:\n" + metrics.body());
        pause(15_000); // an outage of 15 s under load, three times the answer limit
        long logLines = ServerLog.lines() - logLinesBefore;
        int answered503 = statuses.getOrDefault(503, 0);
        assertTrue(answered503 > 100, "the outage was answered many times: " + statuses);
        assertTrue(logLines < 100, logLines + " log lines during the outage, for " + answered503 + " answers 503:\n"
                + ServerLog.after(logLinesBefore));
        int okBeforeRestore = statuses.getOrDefault(200, 0);

        ProxiedDatabaseExtension.proxy().restore();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (statuses.getOrDefault(200, 0) < okBeforeRestore + 20) {
            if (Instant.now().isAfter(deadline)) {
                fail("the server did not recover within 2 minutes of the database's return: " + statuses);
            }
            pause(200);
        }
        posting.set(false);
        for (Future<?> agent : agents) {
            agent.get();
        }
        pool.shutdown();

        assertEquals(List.of(), problems);
        assertEquals(200, api.get("health/ready", Map.of()).status(), "ready again without a restart");
        Set<String> stored = storedReports(run);
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(stored);
        assertEquals(Set.of(), missing, "every report answered 2xx is stored");
        assertEquals(statuses.get(200), acknowledged.size(), "each 2xx answer acknowledged its own report");
    }

    @Test
    @Order(3)
    void aFrozenDatabaseHoldsNoClientLongerThanTheAnswerLimitAndLosesNothing(@TempDir Path agentDir) throws Exception {
        ProxiedDatabaseExtension.proxy().restore();
        ApiClient api = new ApiClient(base);
        String run = UUID.randomUUID().toString().substring(0, 6);
        AgentProcess agent = AgentProcess.register(base, "outage-" + run + "-agent", agentDir);
        List<String> servers = new ArrayList<>();
        Map<String, String> keys = new ConcurrentHashMap<>();
        for (int i = 0; i < LOAD_THREADS; i++) {
            String id = "outage-" + run + "-" + i;
            servers.add(id);
            keys.put(id, api.register(id));
        }
        List<Answered> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_THREADS);
        Instant first = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        agent.start();
        try {
            for (String id : servers) {
                pool.submit(() -> {
                    int n = 0;
                    while (posting.get()) {
                        Instant at = first.plusMillis(700L * n++);
                        long sent = System.nanoTime();
                        ApiClient.Answer a;
                        try {
                            a = api.postMetrics(keys.get(id), Reports.report(id, at, 10, 10));
                        } catch (UncheckedIOException e) {
                            answers.add(new Answered(sent, System.nanoTime(), -1, null, e.getMessage()));
                            continue;
                        }
                        answers.add(new Answered(sent, System.nanoTime(), a.status(), a.header("Retry-After"),
                                a.status() == 503 ? a.json().path("type").asText() : ""));
                        if (a.status() == 200) {
                            acknowledged.add(id + "@" + at);
                        }
                        pause(700); // under the key's rate limit (120 a minute)
                    }
                    return null;
                });
            }
            pause(3000);
            long frozenAt;
            long thawedAt;
            try (FrozenDatabase frozen = FrozenDatabase.freeze(TestDatabase.get().coordinates().port())) {
                frozenAt = System.nanoTime();
                pause(12_000); // past the answer limit (5 s) twice over, and past max-waiting
                thawedAt = System.nanoTime();
            }
            pause(6_000);
            posting.set(false);
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));

            List<Answered> during = answers.stream().filter(a -> a.sentNanos() >= frozenAt && a.sentNanos() < thawedAt).toList();
            assertFalse(during.isEmpty());
            for (Answered a : answers) {
                assertTrue(a.millis() <= 8_000, "no client is held past the 5 s answer limit (and the 1 s sweep): " + a);
                assertTrue(a.status() == 200 || a.status() == 503, "only stored or told to retry: " + a);
                assertTrue(a.status() != 503 || a.retryAfter() != null, "503 says when to come back: " + a);
            }
            assertTrue(during.stream().anyMatch(a -> a.status() == 503 && a.type().endsWith("overloaded") && a.millis() < 1000),
                    "past healthmon.ingest.max-waiting (20 here) new requests are refused at once: " + during);
            assertTrue(during.stream().anyMatch(a -> a.status() == 503 && a.type().endsWith("database-unavailable")),
                    "requests waiting for the frozen database are told to retry: " + during);
            long firstOkAfter = answers.stream().filter(a -> a.status() == 200 && a.answeredNanos() > thawedAt)
                    .mapToLong(Answered::answeredNanos).min().orElseThrow();
            assertTrue(firstOkAfter - thawedAt <= Duration.ofSeconds(5).toNanos(),
                    "2xx again within 5 s of the database answering: " + (firstOkAfter - thawedAt) / 1_000_000 + " ms");
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(storedReports(run));
            assertEquals(Set.of(), missing, "every report answered 2xx is stored");
            agent.awaitSpoolEmpty(Duration.ofSeconds(60));
        } finally {
            posting.set(false);
            pool.shutdownNow();
            agent.stop();
        }
        // The agent's reports of the frozen spell were spooled, refused (503) and sent again afterwards:
        // one a second throughout, none set aside as rejected.
        assertEquals(List.of(), agent.rejected(), "the agent rejected nothing");
        List<Instant> collected = agentReports("outage-" + run + "-agent");
        assertTrue(collected.size() >= 15, "the agent's reports of the whole run are stored: " + collected.size());
        for (int i = 1; i < collected.size(); i++) {
            Duration gap = Duration.between(collected.get(i - 1), collected.get(i));
            assertTrue(gap.compareTo(Duration.ofMillis(2500)) < 0, "no report of the agent lost: a gap of " + gap
                    + " after " + collected.get(i - 1) + "\nagent log:\n" + agent.log());
        }
    }

    private static final int LOAD_THREADS = 32;

    private record Answered(long sentNanos, long answeredNanos, int status, String retryAfter, String type) {
        long millis() {
            return (answeredNanos - sentNanos) / 1_000_000;
        }
    }

    private static List<Instant> agentReports(String serverId) throws Exception {
        List<Instant> out = new ArrayList<>();
        try (Connection c = TestDatabase.get().connect();
             PreparedStatement s = c.prepareStatement("select m.collected_at from metrics m join servers s on s.id = m.server_ref"
                     + " where s.server_id = ? order by m.collected_at")) {
            s.setString(1, serverId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        }
        return out;
    }

    private static void awaitStatus(Map<Integer, Integer> statuses, int status, String what) {
        int before = statuses.getOrDefault(status, 0);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (statuses.getOrDefault(status, 0) < before + 5) {
            if (Instant.now().isAfter(deadline)) {
                fail(what + ": no " + status + " within a minute: " + statuses);
            }
            pause(100);
        }
    }

    private static Set<String> storedReports(String run) throws Exception {
        Set<String> stored = new HashSet<>();
        try (Connection c = TestDatabase.get().connect();
             PreparedStatement s = c.prepareStatement("select s.server_id, m.collected_at from metrics m"
                     + " join servers s on s.id = m.server_ref where s.server_id like ?")) {
            s.setString(1, "outage-" + run + "-%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1) + "@" + rs.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        return stored;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
