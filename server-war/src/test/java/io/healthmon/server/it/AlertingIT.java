package io.healthmon.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthmon.testsupport.PayaraDatabaseExtension;
import io.healthmon.testsupport.TestDatabase;
import java.io.File;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alerting end to end: reports over HTTP open and resolve alerts, the offline timer opens and the
 * return resolves offline alerts, and real webhook receivers on loopback get each notice once, signed,
 * including one that is down for a while and one that always refuses (its deliveries end FAILED,
 * visible in the alerts API), and one that accepts connections and never answers, which must cost the
 * others nothing. Two more receivers take other formats: a Slack receiver (a recording receiver like
 * the others) and a real Alertmanager, whose alerts are repeated every 2 s. The server is configured
 * in arquillian.xml with the six receivers, a 5 s webhook timeout, a receiver's breaker open for 2 s
 * after 3 unanswered calls, an offline timeout of 5 s checked every 1 s, redelivery every 1 s for at
 * most 8 attempts, and a dashboard URL for the links.
 */
@ExtendWith({PayaraDatabaseExtension.class, ArquillianExtension.class})
class AlertingIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final WebhookReceiver ACCEPTING = WebhookReceiver.accepting(18931);
    private static final WebhookReceiver SOMETIMES_DOWN = WebhookReceiver.accepting(18932);
    private static final WebhookReceiver REFUSING = WebhookReceiver.refusing(18933, 500);
    private static final WebhookReceiver.Hung HUNG = new WebhookReceiver.Hung(18934);
    private static final WebhookReceiver SLACK = WebhookReceiver.accepting(18935);
    private static final AlertmanagerProcess ALERTMANAGER = new AlertmanagerProcess(19093);
    /** healthmon.dashboard-url in arquillian.xml. */
    private static final String DASHBOARD = "http://dashboard.example/healthmon/";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("healthmon.war")));
    }

    @BeforeAll
    static void startReceivers() {
        ACCEPTING.start();
        SOMETIMES_DOWN.start();
        REFUSING.start();
        HUNG.start();
        SLACK.start();
        if (AlertmanagerProcess.installed()) {
            ALERTMANAGER.start();
        }
    }

    @AfterAll
    static void stopReceivers() throws Exception {
        ACCEPTING.close();
        SOMETIMES_DOWN.close();
        REFUSING.close();
        HUNG.close();
        SLACK.close();
        if (AlertmanagerProcess.installed()) {
            try {
                // Every alert of this class's tests went to it, opened, repeated and resolved; none may be refused.
                assertEquals(0.0, ALERTMANAGER.invalidAlerts(), "alerts Alertmanager refused as invalid");
            } finally {
                ALERTMANAGER.close();
            }
        }
    }

    private static String newServerId() {
        return "alert-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A server left silent after a test goes offline 5 s later; tests about other alerts look past that. */
    private static final Predicate<WebhookReceiver.Notice> NOT_OFFLINE = n -> !n.offline();
    private static final Predicate<WebhookReceiver.Notice> ANY = n -> true;

    private void post(ApiClient api, String key, String body) {
        ApiClient.Answer answer = api.postMetrics(key, body);
        assertEquals(200, answer.status(), answer.body());
    }

    /** The server's alerts other than offline ones, newest first. */
    private JsonNode alertsOf(ApiClient api, String serverId) {
        ApiClient.Answer answer = api.getAsOperator("api/v1/alerts?server=" + serverId);
        assertEquals(200, answer.status(), answer.body());
        com.fasterxml.jackson.databind.node.ArrayNode out = ApiClient.JSON.createArrayNode();
        answer.json().get("alerts").forEach(a -> {
            if (!"SERVER_OFFLINE".equals(a.get("kind").asText())) {
                out.add(a);
            }
        });
        return out;
    }

    /** Every notice signed, its event id header equal to its body's, and no event id twice. */
    private static void assertOncePerEventAndSigned(List<WebhookReceiver.Notice> notices) {
        Set<String> ids = new HashSet<>();
        for (WebhookReceiver.Notice n : notices) {
            assertTrue(n.signed(), "signature checks out: " + n.body());
            assertEquals(n.eventId(), n.eventIdHeader(), "the header carries the body's event id");
            assertTrue(ids.add(n.eventId()), "event " + n.eventId() + " arrived once: " + notices);
        }
    }

    @Test
    void highCpuOpensOnceSendsOneNoticeStaysQuietInTheHysteresisBandAndResolvesOnce() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = newServerId();
        String key = api.register(serverId);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

        post(api, key, Reports.report(serverId, t, 95, 40));
        List<WebhookReceiver.Notice> opened = ACCEPTING.await(serverId, NOT_OFFLINE, 1, WAIT);
        assertEquals(1, opened.size(), opened.toString());
        assertEquals("alert.opened", opened.get(0).event());
        assertEquals("HIGH_CPU", opened.get(0).kind());
        assertEquals(95.0, opened.get(0).body().get("value").asDouble());
        assertEquals(90.0, opened.get(0).body().get("threshold").asDouble());

        for (int i = 1; i <= 10; i++) {
            post(api, key, Reports.report(serverId, t.plusSeconds(i), 95, 40));
        }
        // 88 and 86 are below the threshold but inside the 5-point hysteresis band: still open.
        post(api, key, Reports.report(serverId, t.plusSeconds(11), 88, 40));
        post(api, key, Reports.report(serverId, t.plusSeconds(12), 86, 40));
        JsonNode stillOpen = alertsOf(api, serverId);
        assertEquals(1, stillOpen.size(), stillOpen.toString());
        assertEquals("OPEN", stillOpen.get(0).get("state").asText());
        assertEquals(86.0, stillOpen.get(0).get("last_value").asDouble());

        post(api, key, Reports.report(serverId, t.plusSeconds(13), 10, 40));
        ACCEPTING.await(serverId, NOT_OFFLINE, 2, WAIT);
        Thread.sleep(2000); // anything wrongly sent after the resolve would arrive by now
        List<WebhookReceiver.Notice> all = ACCEPTING.about(serverId, NOT_OFFLINE);
        assertEquals(List.of("alert.opened", "alert.resolved"), all.stream().map(WebhookReceiver.Notice::event).toList());
        assertEquals(10.0, all.get(1).body().get("value").asDouble());
        assertEquals(opened.get(0).body().get("alert_id"), all.get(1).body().get("alert_id"));
        assertOncePerEventAndSigned(all);

        JsonNode alerts = alertsOf(api, serverId);
        assertEquals(1, alerts.size(), alerts.toString());
        JsonNode alert = alerts.get(0);
        assertEquals("RESOLVED", alert.get("state").asText());
        assertEquals(t, Instant.parse(alert.get("opened_at").asText()));
        assertEquals(t.plusSeconds(13), Instant.parse(alert.get("resolved_at").asText()));

        // The same two notices reached the second receiver; the refusing one ends FAILED after 8 attempts.
        List<WebhookReceiver.Notice> second = SOMETIMES_DOWN.await(serverId, NOT_OFFLINE, 2, WAIT);
        assertEquals(all.stream().map(WebhookReceiver.Notice::eventId).toList(),
                second.stream().map(WebhookReceiver.Notice::eventId).toList());
        JsonNode refused = awaitDelivery(api, serverId, REFUSING.url(), d -> "FAILED".equals(d.get("state").asText()));
        assertEquals(8, refused.get("attempts").asInt(), refused.toString());
        assertEquals("HTTP 500", refused.get("last_error").asText());
        JsonNode delivered = delivery(alertsOf(api, serverId), ACCEPTING.url());
        assertEquals("DELIVERED", delivered.get("state").asText(), delivered.toString());
    }

    @Test
    void failedUnitsAndFullDisksAlertPerUnitAndPerMountpointWithPerServerThresholds() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = newServerId();
        String key = api.register(serverId);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

        // This server tolerates a fuller disk: 95 instead of the global 80.
        ApiClient.Answer set = api.sendJson("PUT", "api/v1/servers/" + serverId + "/thresholds", "{\"disk\":95}");
        assertEquals(200, set.status(), set.body());
        assertEquals(95.0, set.json().get("disk").asDouble());
        ApiClient.Answer bad = api.sendJson("PUT", "api/v1/servers/" + serverId + "/thresholds", "{\"cpu\":101,\"dsik\":5}");
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("\"cpu\"") && bad.body().contains("\"dsik\""), bad.body());
        // Each refused body names what is wrong, as the request record's constraints say, and changes nothing.
        Map<String, String> refusedBodies = Map.of(
                "{\"mountpoints\":{\"/backup\":null}}", "mountpoints./backup",
                "{\"mountpoints\":{\"/backup\":120}}", "mountpoints./backup",
                "{\"cpu\":\"high\"}", "cpu",
                "[95]", "");
        refusedBodies.forEach((body, field) -> {
            ApiClient.Answer refused = api.sendJson("PUT", "api/v1/servers/" + serverId + "/thresholds", body);
            assertEquals(400, refused.status(), body + " -> " + refused.body());
            List<String> fields = new ArrayList<>();
            refused.json().path("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertTrue(fields.contains(field), body + " names " + field + ": " + refused.body());
        });
        assertEquals(95.0, api.getAsOperator("api/v1/servers/" + serverId + "/thresholds").json().get("disk").asDouble(),
                "refused bodies changed nothing");

        post(api, key, Reports.report(serverId, t, 10, 90, List.of("nginx.service", "cron.service")));
        ACCEPTING.await(serverId, NOT_OFFLINE, 2, WAIT);
        Thread.sleep(1000);
        List<WebhookReceiver.Notice> opened = ACCEPTING.about(serverId, NOT_OFFLINE);
        assertEquals(Set.of("FAILED_SERVICE:nginx.service", "FAILED_SERVICE:cron.service"), subjects(opened),
                "disk at 90 is under this server's 95: " + opened);
        JsonNode status = api.getAsOperator("api/v1/servers/" + serverId).json();
        assertEquals("WARNING", status.get("status").asText(), "failed units make it Warning");
        assertTrue(!status.get("status_reasons").asText().contains("disk"), "the status uses the server's own disk threshold too: "
                + status);

        post(api, key, Reports.report(serverId, t.plusSeconds(1), 10, 97, List.of("nginx.service")));
        List<WebhookReceiver.Notice> all = ACCEPTING.await(serverId, NOT_OFFLINE, 4, WAIT);
        assertEquals(4, all.size(), all.toString());
        List<String> lastTwo = new ArrayList<>();
        all.subList(2, all.size()).forEach(n -> lastTwo.add(n.event() + " " + n.kind() + ":" + n.body().get("subject").asText()));
        assertEquals(Set.of("alert.resolved FAILED_SERVICE:cron.service", "alert.opened HIGH_DISK:/"), Set.copyOf(lastTwo));
        assertOncePerEventAndSigned(all);
    }

    @Test
    void inodeUseOpensOneInodesHighAlertPerMountpointMakesTheServerWarningAndResolvesBelowTheBand() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = newServerId();
        String key = api.register(serverId);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        Map<String, long[]> network = Map.of("eth0", new long[] {0, 0});

        // On this server /srv may use more of its inodes: 97 instead of the global 90.
        ApiClient.Answer set = api.sendJson("PUT", "api/v1/servers/" + serverId + "/thresholds", "{\"inode_mountpoints\":{\"/srv\":97}}");
        assertEquals(200, set.status(), set.body());
        assertEquals(97.0, set.json().at("/inode_mountpoints/~1srv").asDouble(), set.body());

        post(api, key, Reports.withInodesAndNetwork(serverId, t, 10, 40, 1000, Map.of("/", 95.0, "/srv", 96.0), network));
        ACCEPTING.await(serverId, NOT_OFFLINE, 1, WAIT);
        Thread.sleep(1000);
        List<WebhookReceiver.Notice> opened = ACCEPTING.about(serverId, NOT_OFFLINE);
        assertEquals(1, opened.size(), "/srv at 96 is under its own 97: " + opened);
        assertEquals("alert.opened", opened.get(0).event());
        assertEquals("INODES_HIGH", opened.get(0).kind());
        assertEquals("/", opened.get(0).body().get("subject").asText());
        assertEquals(95.0, opened.get(0).body().get("value").asDouble());
        assertEquals(90.0, opened.get(0).body().get("threshold").asDouble());
        JsonNode status = api.getAsOperator("api/v1/servers/" + serverId).json();
        assertEquals("WARNING", status.get("status").asText(), status.toString());
        assertTrue(status.get("status_reasons").asText().contains("inodes / 95.0% > 90.0%"), status.toString());

        // 87 is under the threshold but inside the 5-point band: still open, no notice.
        post(api, key, Reports.withInodesAndNetwork(serverId, t.plusSeconds(1), 10, 40, 1001, Map.of("/", 87.0, "/srv", 96.0), network));
        JsonNode stillOpen = alertsOf(api, serverId);
        assertEquals(1, stillOpen.size(), stillOpen.toString());
        assertEquals("OPEN", stillOpen.get(0).get("state").asText());
        assertEquals(87.0, stillOpen.get(0).get("last_value").asDouble());

        post(api, key, Reports.withInodesAndNetwork(serverId, t.plusSeconds(2), 10, 40, 1002, Map.of("/", 80.0, "/srv", 96.0), network));
        List<WebhookReceiver.Notice> all = ACCEPTING.await(serverId, NOT_OFFLINE, 2, WAIT);
        assertEquals(List.of("alert.opened INODES_HIGH", "alert.resolved INODES_HIGH"),
                all.stream().map(n -> n.event() + " " + n.kind()).toList(), all.toString());
        assertEquals(80.0, all.get(1).body().get("value").asDouble());
        assertOncePerEventAndSigned(all);
        assertEquals("HEALTHY", api.getAsOperator("api/v1/servers/" + serverId).json().get("status").asText());
        JsonNode resolved = alertsOf(api, serverId);
        assertEquals(1, resolved.size(), resolved.toString());
        assertEquals("RESOLVED", resolved.get(0).get("state").asText());
        assertEquals(t.plusSeconds(2), Instant.parse(resolved.get(0).get("resolved_at").asText()));
    }

    @Test
    void aSilentServerRaisesOneOfflineAlertWithinTheTimeoutAndItsReturnResolvesItWithoutReplayNoise() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = newServerId();
        String key = api.register(serverId);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        post(api, key, Reports.report(serverId, t, 10, 40));

        List<WebhookReceiver.Notice> offline = ACCEPTING.await(serverId, ANY, 1, WAIT);
        assertEquals(1, offline.size(), offline.toString());
        assertEquals("SERVER_OFFLINE", offline.get(0).kind());
        assertEquals("alert.opened", offline.get(0).event());
        JsonNode open = api.getAsOperator("api/v1/alerts?server=" + serverId).json().at("/alerts/0");
        Instant lastSeen = Instant.parse(api.getAsOperator("api/v1/servers/" + serverId).json().get("last_seen").asText());
        long lateBy = Duration.between(lastSeen, Instant.parse(open.get("opened_at").asText())).toSeconds();
        assertTrue(lateBy >= 5 && lateBy <= 5 + 1 + 1, "opened " + lateBy + " s after the last report: timeout 5 s plus a 1 s period");

        // The spool replays the outage: CPU went high, back, and high again. Only the outcome is told.
        post(api, key, "[" + Reports.report(serverId, t.plusSeconds(10), 97, 40) + ","
                + Reports.report(serverId, t.plusSeconds(20), 10, 40) + ","
                + Reports.report(serverId, t.plusSeconds(30), 98, 40) + "]");
        ACCEPTING.await(serverId, ANY, 3, WAIT);
        Thread.sleep(2000);
        List<WebhookReceiver.Notice> all = ACCEPTING.about(serverId, ANY);
        assertEquals(List.of("alert.opened SERVER_OFFLINE", "alert.resolved SERVER_OFFLINE", "alert.opened HIGH_CPU"),
                all.subList(0, 3).stream().map(n -> n.event() + " " + n.kind()).toList(), all.toString());
        assertTrue(all.subList(3, all.size()).stream().allMatch(WebhookReceiver.Notice::offline),
                "after that only a new silence is told: " + all);
        assertEquals(98.0, all.get(2).body().get("value").asDouble());
        assertOncePerEventAndSigned(all);

        JsonNode alerts = alertsOf(api, serverId);
        assertEquals(2, alerts.size(), "the replay's first CPU alert is kept as history: " + alerts);
        assertEquals("OPEN", alerts.get(0).get("state").asText());
        assertEquals("RESOLVED", alerts.get(1).get("state").asText());
    }

    /** Sets a silence as the operator; returns its id. */
    private static long silence(ApiClient api, String json) {
        ApiClient.Answer answer = api.sendJson("POST", "api/v1/silences", json);
        assertEquals(201, answer.status(), answer.body());
        return answer.json().get("id").asLong();
    }

    private static String inSeconds(long seconds) {
        return Instant.now().plusSeconds(seconds).toString();
    }

    private static List<String> eventsAndKinds(List<WebhookReceiver.Notice> notices) {
        return notices.stream().map(n -> n.event() + " " + n.kind()).toList();
    }

    @Test
    void aSilenceByPatternKeepsAlertsShownButUntoldAndItsEarlyEndTellsWhatIsStillOpenOnce() throws Exception {
        ApiClient api = new ApiClient(base);
        String prefix = "quiet-" + UUID.randomUUID().toString().substring(0, 8);
        String serverId = prefix + "-web-01";
        String key = api.register(serverId);
        long silenceId = silence(api, """
                {"server_pattern":"%s-web-??","ends_at":"%s","comment":"kernel upgrade","created_by":"it"}
                """.formatted(prefix, inSeconds(600)));
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

        // CPU and disk open while silenced; CPU resolves while still silenced, the disk stays open.
        post(api, key, Reports.report(serverId, t, 95, 90));
        post(api, key, Reports.report(serverId, t.plusSeconds(1), 10, 90));
        JsonNode alerts = alertsOf(api, serverId);
        assertEquals(2, alerts.size(), alerts.toString());
        for (JsonNode a : alerts) {
            assertTrue(a.get("silenced").asBoolean(), "shown, marked silenced: " + a);
            assertEquals(silenceId, a.get("silence_ids").get(0).asLong());
        }
        JsonNode server = api.getAsOperator("api/v1/servers/" + serverId).json();
        assertTrue(server.get("silenced").asBoolean(), server.toString());
        assertEquals("kernel upgrade", server.at("/silences/0/comment").asText());
        Thread.sleep(2000); // a notice wrongly sent would arrive by now
        assertEquals(List.of(), ACCEPTING.about(serverId, ANY), "nothing told while silenced");

        ApiClient.Answer ended = api.send("DELETE", "api/v1/silences/" + silenceId);
        assertEquals(200, ended.status(), ended.body());
        assertEquals("expired", ended.json().get("state").asText());
        List<WebhookReceiver.Notice> told = ACCEPTING.await(serverId, NOT_OFFLINE, 1, WAIT);
        Thread.sleep(2000); // a second telling (or the resolved CPU alert) would arrive by now
        told = ACCEPTING.about(serverId, NOT_OFFLINE);
        assertEquals(List.of("alert.opened HIGH_DISK"), eventsAndKinds(told), "only what is still open, once");
        assertOncePerEventAndSigned(told);
        assertFalse(SLACK.await(n -> n.body().toString().contains(serverId), 1, WAIT).isEmpty(), "Slack is told too");
        for (JsonNode a : alertsOf(api, serverId)) {
            assertTrue(!a.get("silenced").asBoolean(), "no longer silenced: " + a);
        }
    }

    @Test
    void aSilenceStartingLaterHoldsOnlyItsKindFromItsStartAndExpiringByItselfTellsTheOpenAlertOnce() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = newServerId();
        String key = api.register(serverId);
        // Far enough ahead that the two reports before it are in before it starts, and long enough that
        // it is still active once their notices are in, even on a loaded machine (where creating the
        // silence alone has taken 5 s while other test classes' servers went offline).
        Instant start = Instant.now().plusSeconds(10);
        Instant end = start.plusSeconds(12);
        long silenceId = silence(api, """
                {"server":"%s","kinds":["HIGH_CPU"],"starts_at":"%s","ends_at":"%s","comment":"load test","created_by":"it"}
                """.formatted(serverId, start, end));
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

        // Before its start nothing is held. The server reports every second throughout, as an agent
        // does: a silent one would go Down (offline timeout 5 s), and a Down server's held notices
        // wait for its return.
        int second = 0;
        post(api, key, Reports.report(serverId, t.plusSeconds(second++), 95, 40));
        post(api, key, Reports.report(serverId, t.plusSeconds(second++), 10, 40));
        assertTrue(Instant.now().isBefore(start), "the two reports came before the silence's start");
        ACCEPTING.await(serverId, NOT_OFFLINE, 2, WAIT);
        while (Instant.now().isBefore(start.plusMillis(300))) {
            post(api, key, Reports.report(serverId, t.plusSeconds(second++), 10, 40));
            Thread.sleep(Math.max(0, Math.min(1000, Duration.between(Instant.now(), start.plusMillis(300)).toMillis())));
        }
        ApiClient.Answer active = api.getAsOperator("api/v1/silences?state=active");
        assertTrue(active.body().contains("\"id\":" + silenceId), active.body());
        // Active: CPU is held, a failed unit (another kind) is told.
        post(api, key, Reports.report(serverId, t.plusSeconds(second++), 97, 40, List.of("nginx.service")));
        ACCEPTING.await(serverId, NOT_OFFLINE, 3, WAIT);
        assertEquals(List.of("alert.opened HIGH_CPU", "alert.resolved HIGH_CPU", "alert.opened FAILED_SERVICE"),
                eventsAndKinds(ACCEPTING.about(serverId, NOT_OFFLINE)));

        // It expires by itself; then the CPU alert, still open, is told once.
        Instant giveUp = end.plus(WAIT);
        while (ACCEPTING.about(serverId, NOT_OFFLINE).size() < 4 && Instant.now().isBefore(giveUp)) {
            post(api, key, Reports.report(serverId, t.plusSeconds(second++), 97, 40, List.of("nginx.service")));
            Thread.sleep(1000);
        }
        assertTrue(Instant.now().isAfter(end), "told after the silence's end");
        Thread.sleep(2000);
        List<WebhookReceiver.Notice> all = ACCEPTING.about(serverId, NOT_OFFLINE);
        assertEquals(List.of("alert.opened HIGH_CPU", "alert.resolved HIGH_CPU", "alert.opened FAILED_SERVICE",
                "alert.opened HIGH_CPU"), eventsAndKinds(all));
        assertEquals(97.0, all.get(3).body().get("value").asDouble());
        assertOncePerEventAndSigned(all);
        ApiClient.Answer expired = api.getAsOperator("api/v1/silences?state=expired");
        assertTrue(expired.body().contains("\"id\":" + silenceId), expired.body());
    }

    @Test
    void aMaintenanceWindowKeepsASilentServerUpAndTheOfflineTimeoutRunsFromItsEnd() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = newServerId();
        String key = api.register(serverId);
        post(api, key, Reports.report(serverId, Instant.now().truncatedTo(ChronoUnit.SECONDS), 10, 40));
        Instant end = Instant.now().plusSeconds(9);
        silence(api, """
                {"server":"%s","kinds":["SERVER_OFFLINE"],"ends_at":"%s","comment":"agent stopped for maintenance","created_by":"it"}
                """.formatted(serverId, end));

        // Silent past the 5 s timeout (checked every second), and past the window's end by less than it.
        while (Instant.now().isBefore(end.plusSeconds(3))) {
            Thread.sleep(500);
            String status = api.getAsOperator("api/v1/servers/" + serverId).json().get("status").asText();
            assertTrue(!"DOWN".equals(status), "not Down during the window or within the timeout after it");
        }
        assertEquals(0, api.getAsOperator("api/v1/alerts?server=" + serverId).json().get("total").asInt());

        // Then the timeout, counted from the window's end, marks it Down and the offline alert is told.
        List<WebhookReceiver.Notice> offline = ACCEPTING.await(serverId, ANY, 1, WAIT);
        assertEquals(List.of("alert.opened SERVER_OFFLINE"), eventsAndKinds(offline));
        assertTrue(Instant.now().isAfter(end.plusSeconds(5)), "the timeout ran from the window's end");
        assertEquals("DOWN", api.getAsOperator("api/v1/servers/" + serverId).json().get("status").asText());
    }

    @Test
    void aReceiverThatIsDownGetsEveryNoticeOnceWhenItIsBack() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = newServerId();
        String key = api.register(serverId);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

        SOMETIMES_DOWN.stop();
        try {
            post(api, key, Reports.report(serverId, t, 99, 40));
            post(api, key, Reports.report(serverId, t.plusSeconds(1), 5, 40));
            assertEquals(2, ACCEPTING.await(serverId, NOT_OFFLINE, 2, WAIT).size());
            // Once the down receiver's breaker opens, its notices wait unattempted (older ones from this
            // module's other deployments go first at each trial), so this one may not have been tried yet.
            JsonNode pending = delivery(alertsOf(api, serverId), SOMETIMES_DOWN.url());
            assertEquals("PENDING", pending.get("state").asText(), pending.toString());
            String error = pending.path("last_error").asText();
            assertTrue(error.isEmpty() || error.contains("ConnectException"), pending.toString());
        } finally {
            SOMETIMES_DOWN.start();
        }
        SOMETIMES_DOWN.await(serverId, NOT_OFFLINE, 2, WAIT);
        Thread.sleep(2000);
        List<WebhookReceiver.Notice> arrived = SOMETIMES_DOWN.about(serverId, NOT_OFFLINE);
        assertEquals(List.of("alert.opened", "alert.resolved"), arrived.stream().map(WebhookReceiver.Notice::event).toList(),
                "in order, once each");
        assertOncePerEventAndSigned(arrived);
        assertEquals(ACCEPTING.about(serverId, NOT_OFFLINE).stream().map(WebhookReceiver.Notice::eventId).toList(),
                arrived.stream().map(WebhookReceiver.Notice::eventId).toList(), "the same event ids as the other receiver");
    }

    @Test
    void aReceiverThatNeverAnswersCostsTheOthersNothingAndHoldsNoTransactionWhileItIsAwaited() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = newServerId();
        String key = api.register(serverId);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        List<String> units = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            units.add("stuck-" + i + ".service");
        }
        int hungCallsBefore = HUNG.accepted();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        post(api, key, Reports.report(serverId, t, 10, 40, units));
        List<String> heldTransactions = new ArrayList<>();
        List<WebhookReceiver.Notice> arrived = ACCEPTING.about(serverId, NOT_OFFLINE);
        // Watch the database until the healthy receiver has all 20 and the hung one has had one whole
        // call (a second one begun), so the watch covers a time when the server waits on it.
        try (Connection db = TestDatabase.get().connect()) {
            while ((arrived.size() < 20 || HUNG.accepted() < hungCallsBefore + 2) && Instant.now().isBefore(deadline)) {
                heldTransactions.addAll(transactionsIdleOverASecond(db));
                Thread.sleep(200);
                arrived = ACCEPTING.about(serverId, NOT_OFFLINE);
            }
            heldTransactions.addAll(transactionsIdleOverASecond(db));
        }

        assertEquals(20, arrived.size(), "the healthy receiver got every notice within 30 s: " + arrived);
        assertOncePerEventAndSigned(arrived);
        assertTrue(HUNG.accepted() > hungCallsBefore, "the hung receiver was called");
        assertEquals(List.of(), heldTransactions, "no connection idle in a transaction for over a second");
        JsonNode waiting = alertsOf(api, serverId).get(0).get("deliveries");
        for (JsonNode d : waiting) {
            if (HUNG.url().equals(d.get("receiver").asText())) {
                assertEquals("PENDING", d.get("state").asText(), "the hung receiver's notices wait: " + d);
            }
        }
    }

    @Test
    void aSlackReceiverGetsAMessageInSlacksDocumentedShapeSignedAndUnderTheNoticesEventId() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = newServerId();
        String key = api.register(serverId);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

        post(api, key, Reports.report(serverId, t, 97, 40));
        Predicate<WebhookReceiver.Notice> cpuOfThisServer = n -> n.body().path("text").asText().startsWith("HIGH_CPU on " + serverId + " ");
        List<WebhookReceiver.Notice> messages = SLACK.await(cpuOfThisServer, 1, WAIT);
        assertEquals(1, messages.size(), messages.toString());
        WebhookReceiver.Notice slack = messages.get(0);
        JsonNode message = slack.body();

        // Slack's incoming webhook: a plain text fallback, and blocks of documented types with mrkdwn text objects.
        assertEquals(Set.of("text", "blocks"), fieldNames(message));
        assertEquals("HIGH_CPU on " + serverId + " opened: CPU at 97.0 %, above the threshold of 90.0 %", message.get("text").asText());
        assertEquals(2, message.get("blocks").size(), message.toString());
        JsonNode section = message.at("/blocks/0");
        assertEquals("section", section.get("type").asText());
        assertEquals("mrkdwn", section.at("/text/type").asText());
        assertEquals(":red_circle: *Opened*: *HIGH_CPU* on *" + serverId + "*\n"
                + "CPU at 97.0 %, above the threshold of 90.0 %\n"
                + "<" + DASHBOARD + "#/servers/" + serverId + "|" + serverId + " on the dashboard>", section.at("/text/text").asText());
        JsonNode context = message.at("/blocks/1");
        assertEquals("context", context.get("type").asText());
        assertEquals("mrkdwn", context.at("/elements/0/type").asText());
        assertTrue(context.at("/elements/0/text").asText().startsWith("Opened " + t + " (UTC)"), context.toString());

        assertTrue(slack.signed(), "signed as every notice is");
        List<WebhookReceiver.Notice> generic = ACCEPTING.await(serverId, NOT_OFFLINE, 1, WAIT);
        assertEquals(generic.get(0).eventId(), slack.eventIdHeader(), "the same event id as the generic receiver's notice");
    }

    @Test
    void anAlertmanagerHoldsTheOpenAlertWithItsLabelsSeesItRepeatedAndResolvedWhenItResolves() throws Exception {
        assertTrue(AlertmanagerProcess.installed(), AlertmanagerProcess.BINARY + " is needed (Debian's prometheus-alertmanager)");
        ApiClient api = new ApiClient(base);
        String serverId = newServerId();
        String key = api.register(serverId);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        String[] thisAlert = {"server_id=\"" + serverId + "\"", "alertname=\"HIGH_DISK\""};

        post(api, key, Reports.report(serverId, t, 10, 91));
        List<JsonNode> held = awaitAlertmanager(thisAlert, 1);
        assertEquals(1, held.size(), held.toString());
        JsonNode alert = held.get(0);
        assertEquals(Map.of("alertname", "HIGH_DISK", "server_id", serverId, "severity", "warning", "mountpoint", "/"),
                ApiClient.JSON.convertValue(alert.get("labels"), Map.class));
        assertEquals("active", alert.at("/status/state").asText());
        assertEquals(t, Instant.parse(alert.get("startsAt").asText()));
        assertEquals(DASHBOARD + "#/servers/" + serverId, alert.get("generatorURL").asText());
        assertEquals("91.0", alert.at("/annotations/value").asText());
        assertEquals("80.0", alert.at("/annotations/threshold").asText());
        assertEquals("HIGH_DISK on " + serverId + " (/)", alert.at("/annotations/summary").asText());
        JsonNode stored = alertsOf(api, serverId).get(0);
        assertEquals(stored.get("id").asText(), alert.at("/annotations/alert_id").asText());

        // The repeats (every 2 s) push its end on while it stays open; fresh reports keep the server from going offline.
        Instant firstEnd = Instant.parse(alert.get("endsAt").asText());
        Instant firstUpdate = Instant.parse(alert.get("updatedAt").asText());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode repeated = alert;
        for (int i = 1; !Instant.parse(repeated.get("endsAt").asText()).isAfter(firstEnd) && Instant.now().isBefore(deadline); i++) {
            post(api, key, Reports.report(serverId, t.plusSeconds(i), 10, 91));
            Thread.sleep(500);
            repeated = ALERTMANAGER.alerts(thisAlert).get(0);
        }
        assertTrue(Instant.parse(repeated.get("endsAt").asText()).isAfter(firstEnd), "endsAt moved on: " + alert + " then " + repeated);
        assertTrue(Instant.parse(repeated.get("updatedAt").asText()).isAfter(firstUpdate), "updatedAt moved on: " + repeated);
        assertEquals("active", repeated.at("/status/state").asText());
        assertEquals(t, Instant.parse(repeated.get("startsAt").asText()), "still the same alert");

        // Resolved in healthmon: Alertmanager ends it, and lists only alerts that have not ended.
        post(api, key, Reports.report(serverId, t.plusSeconds(30), 10, 40));
        assertEquals(List.of(), awaitAlertmanagerEmpty(thisAlert), "resolved in Alertmanager");
        Thread.sleep(3000); // two repeats: they tell the resolve again, and must not bring it back
        assertEquals(List.of(), ALERTMANAGER.alerts(thisAlert));
        JsonNode delivery = delivery(alertsOf(api, serverId), "http://127.0.0.1:19093/api/v2/alerts");
        assertEquals("DELIVERED", delivery.get("state").asText(), delivery.toString());
    }

    private static List<JsonNode> awaitAlertmanager(String[] matchers, int count) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        List<JsonNode> alerts = ALERTMANAGER.alerts(matchers);
        while (alerts.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            alerts = ALERTMANAGER.alerts(matchers);
        }
        return alerts;
    }

    private static List<JsonNode> awaitAlertmanagerEmpty(String[] matchers) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        List<JsonNode> alerts = ALERTMANAGER.alerts(matchers);
        while (!alerts.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            alerts = ALERTMANAGER.alerts(matchers);
        }
        return alerts;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> out = new HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Connections of the test database that sat idle inside a transaction for more than a second. */
    private static List<String> transactionsIdleOverASecond(Connection db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("select pid, clock_timestamp() - state_change as idle_for, query"
                     + " from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
                     + " and state = 'idle in transaction' and state_change < clock_timestamp() - interval '1 second'")) {
            while (rows.next()) {
                out.add("pid " + rows.getInt("pid") + " idle for " + rows.getString("idle_for") + " after: "
                        + rows.getString("query"));
            }
        }
        return out;
    }

    private static Set<String> subjects(List<WebhookReceiver.Notice> notices) {
        Set<String> out = new HashSet<>();
        notices.forEach(n -> out.add(n.kind() + ":" + n.body().get("subject").asText()));
        return out;
    }

    /** The first delivery to {@code receiver} of the server's newest alert. */
    private static JsonNode delivery(JsonNode alerts, String receiver) {
        for (JsonNode d : alerts.get(alerts.size() - 1).get("deliveries")) {
            if (receiver.equals(d.get("receiver").asText())) {
                return d;
            }
        }
        throw new AssertionError("no delivery to " + receiver + " in " + alerts);
    }

    /** Polls the alerts API until the delivery to {@code receiver} satisfies {@code done}; returns it either way. */
    private JsonNode awaitDelivery(ApiClient api, String serverId, String receiver, Predicate<JsonNode> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode d = delivery(alertsOf(api, serverId), receiver);
        while (!done.test(d) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            d = delivery(alertsOf(api, serverId), receiver);
        }
        return d;
    }
}
