package io.healthmon.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.healthmon.testsupport.ProxiedDatabaseExtension;
import io.healthmon.testsupport.ProxiedDatabaseExtension.DatabaseAwayAtStart;
import io.healthmon.testsupport.TestDatabase;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.URL;
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
        ProxiedDatabaseExtension.proxy().cut();
        awaitStatus(statuses, 503, "agents are told to retry during the outage");
        assertEquals(503, api.get("health/ready", Map.of()).status(), "readiness is DOWN while the database is away");
        assertEquals(503, api.get("api/v1/health", Map.of()).status());
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
