package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthmon.launcher.cluster.AlertWatch;
import io.healthmon.launcher.cluster.Answer;
import io.healthmon.launcher.cluster.ClusterView;
import io.healthmon.launcher.cluster.HealthmonHttp;
import io.healthmon.launcher.cluster.JsonAnswer;
import io.healthmon.launcher.cluster.LaunchedCluster;
import io.healthmon.launcher.cluster.LoadFigures;
import io.healthmon.launcher.cluster.RegisteredServer;
import io.healthmon.launcher.cluster.ReportKey;
import io.healthmon.launcher.cluster.ReportLoad;
import io.healthmon.launcher.cluster.StoredReports;
import io.healthmon.launcher.cluster.WebhookReceiver;
import io.healthmon.testsupport.cluster.Haproxy;
import io.healthmon.testsupport.cluster.HaproxyConfig;
import io.healthmon.testsupport.cluster.LocalPorts;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 32's central must-show, with the real parts: the launcher jar's {@code --instances 2} (two
 * Payara Micro instances in one Domain Data Grid, sharing the embedded PostgreSQL) behind HAProxy
 * ({@link HaproxyConfig}). 64 connections post reports through HAProxy for 60 s, every answer
 * recorded; at 20 s the Payara Micro of the instance holding the once-per-cluster duties is killed
 * with SIGKILL, so that the other has to take them over. Beside the load, one server reports for 12 s
 * and falls silent (its offline alert is due after the kill), and two servers each send one report
 * with the CPU over its threshold, one before the kill and one after. Then:
 * <ul>
 * <li>both instances list both as members, before the load and again after the restart;</li>
 * <li>every report answered 2xx is in the metrics table, none twice;</li>
 * <li>after the kill, 2xx answers never stop for more than 5 s;</li>
 * <li>the silent server has exactly one offline alert;</li>
 * <li>each of the two CPU alerts reached the webhook receiver exactly once (by event id);</li>
 * <li>the launcher restarted the killed instance, HAProxy sees it UP and it is a member again;</li>
 * <li>SIGTERM to the launcher leaves nothing running.</li>
 * </ul>
 * The embedded PostgreSQL rather than the test database: it is what {@code ./healthmon --instances 2}
 * gives a user, and the launcher then has to share one database of its own among its instances,
 * which is part of what is shown. Everything is observed first and judged at the end, so that one run
 * names every check that fails, and the figures of the run are printed whatever the outcome.
 */
class ClusterIT {

    private static final int INSTANCES = 2;
    /** The holder of this duty is killed: taking it over is the harder case. */
    private static final String DUTY = "offline-detection";
    /** Killed when the cluster API names no holder. */
    private static final int KILLED_WITHOUT_DUTY_HOLDER = 2;
    private static final int CONNECTIONS = 64;
    private static final int LOAD_SERVERS = 256;
    private static final Duration LOAD_FOR = Duration.ofSeconds(60);
    private static final Duration KILL_AT = Duration.ofSeconds(20);
    private static final Duration SILENT_AFTER = Duration.ofSeconds(12);
    private static final Duration HOT_BEFORE_KILL_AT = Duration.ofSeconds(10);
    private static final Duration HOT_AFTER_KILL_AT = Duration.ofSeconds(30);
    private static final Duration RESUMES_WITHIN = Duration.ofSeconds(5);
    private static final Duration OFFLINE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration OFFLINE_CHECK_INTERVAL = Duration.ofSeconds(2);
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);
    /** From the kill: a Payara Micro restarted while the other instance is under load boots slowly on 2 cores. */
    private static final Duration REJOINS_WITHIN = Duration.ofMinutes(5);
    private static final Duration NOTICE_WITHIN = Duration.ofSeconds(90);
    /** Longer than a redelivery takes with the backoff set below (2 s): a second copy would have come by then. */
    private static final Duration SECOND_COPY_WOULD_COME_WITHIN = Duration.ofSeconds(6);

    private final HealthmonHttp http = new HealthmonHttp();

    @TempDir
    Path dataDir;

    /** What the run did, observed before anything is judged. */
    record Observed(Map<Integer, JsonAnswer> clusterBefore, LoadFigures load, Set<ReportKey> acknowledged,
                    StoredReports stored, Kill kill, Rejoin rejoin, List<JsonNode> offlineAlerts,
                    List<AlertWatch.Notified> hotAlerts) {
    }

    /** The instance whose Payara Micro was killed, its pid, and when. */
    record Kill(int instance, long pid, Instant at) {

        String name() {
            return LaunchedCluster.instanceName(instance);
        }
    }

    /** After the kill: the new Payara Micro's pid, whether HAProxy sees it UP, and the cluster as each instance sees it. */
    record Rejoin(Optional<Long> pid, boolean upInHaproxy, Map<Integer, JsonAnswer> clusterViews) {
    }

    @Test
    void twoInstancesBehindHaproxyLoseNothingAcknowledgedWhenOneIsKilledAndItRejoins() throws Exception {
        Observed observed;
        List<String> leftovers;
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            LaunchedCluster cluster = LaunchedCluster.start(Path.of(System.getProperty("healthmon.launcher.jar")), dataDir,
                    LocalPorts.freeRun(INSTANCES), LocalPorts.freeRun(INSTANCES), INSTANCES, settings(receiver), StoredCredentials.FILE);
            try {
                observed = observe(cluster, receiver);
            } catch (Exception | AssertionError e) {
                say("the run broke off; the launcher's output:\n" + cluster.output() + "\n" + cluster.logTails(60));
                throw e;
            } finally {
                leftovers = cluster.stop();
                say("launcher said: " + cluster.output().lines()
                        .filter(l -> l.contains("restart") || l.contains("running again") || l.contains("killed"))
                        .collect(Collectors.joining(" | ")));
            }
        }
        judge(observed, leftovers);
    }

    /** The server settings, as the documented environment variables. */
    private static Map<String, String> settings(WebhookReceiver receiver) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("HEALTHMON_ALERT_OFFLINE_TIMEOUT", Long.toString(OFFLINE_TIMEOUT.toSeconds()));
        settings.put("HEALTHMON_ALERT_OFFLINE_CHECK_INTERVAL", Long.toString(OFFLINE_CHECK_INTERVAL.toSeconds()));
        settings.put("HEALTHMON_WEBHOOK_URLS", receiver.url());
        settings.put("HEALTHMON_WEBHOOK_INITIAL_BACKOFF", "2");
        settings.put("HEALTHMON_WEBHOOK_MAX_BACKOFF", "4");
        settings.put("HEALTHMON_WEBHOOK_POLL_INTERVAL", "2");
        // Each load server posts several reports a second: well past the per-key limit meant for agents.
        settings.put("HEALTHMON_RATE_LIMIT_KEY_PER_MINUTE", "600000");
        settings.put("HEALTHMON_RATE_LIMIT_KEY_BURST", "100000");
        return settings;
    }

    private Observed observe(LaunchedCluster cluster, WebhookReceiver receiver) throws Exception {
        Instant launched = Instant.now();
        cluster.awaitReady(http, READY_WITHIN);
        say("both instances ready " + Duration.between(launched, Instant.now()).toSeconds() + " s after the launch");
        String operator = cluster.credential("HEALTHMON_ADMIN_TOKEN");
        List<HaproxyConfig.Backend> backends = IntStream.rangeClosed(1, INSTANCES)
                .mapToObj(i -> new HaproxyConfig.Backend(LaunchedCluster.instanceName(i), "127.0.0.1", cluster.instancePort(i))).toList();
        try (Haproxy haproxy = Haproxy.start(backends)) {
            URI lb = haproxy.url();
            awaitAllUp(haproxy);
            Map<Integer, JsonAnswer> clusterBefore = clusterViews(cluster, operator);
            sayClusterViews("before the load", clusterBefore);
            sayReadinessMembers(cluster);

            String prefix = "cluster-" + cluster.instancePort(1) + "-";
            String enrollment = cluster.credential("HEALTHMON_ENROLLMENT_TOKEN");
            List<RegisteredServer> loadServers = new ArrayList<>();
            for (int i = 0; i < LOAD_SERVERS; i++) {
                loadServers.add(register(lb, enrollment, prefix + "load-" + i));
            }
            RegisteredServer silent = register(lb, enrollment, prefix + "silent");
            RegisteredServer hotBefore = register(lb, enrollment, prefix + "hot-before-kill");
            RegisteredServer hotAfter = register(lb, enrollment, prefix + "hot-after-kill");

            Queue<Answer> answers = new ConcurrentLinkedQueue<>();
            ScheduledExecutorService events = Executors.newScheduledThreadPool(3);
            Instant loadStart = Instant.now();
            Instant loadEnd = loadStart.plus(LOAD_FOR);
            Kill kill;
            try {
                events.execute(() -> reportUntil(lb, silent, loadStart.plus(SILENT_AFTER), answers));
                events.schedule(() -> postHot(lb, hotBefore, answers), HOT_BEFORE_KILL_AT.toMillis(), TimeUnit.MILLISECONDS);
                events.schedule(() -> postHot(lb, hotAfter, answers), HOT_AFTER_KILL_AT.toMillis(), TimeUnit.MILLISECONDS);
                ScheduledFuture<Kill> killed = events.schedule(() -> kill(cluster, operator), KILL_AT.toMillis(), TimeUnit.MILLISECONDS);
                new ReportLoad(http, lb, loadServers, CONNECTIONS, answers).runUntil(loadEnd);
                kill = killed.get();
            } finally {
                events.shutdown();
                events.awaitTermination(2, TimeUnit.MINUTES);
            }
            LoadFigures figures = LoadFigures.of(answers, kill.at(), loadEnd);
            figures.describe(loadStart, kill.at()).forEach(ClusterIT::say);
            haproxy.servers().forEach(s -> say("HAProxy after the load: " + s));

            Rejoin rejoin = awaitRejoin(cluster, haproxy, operator, kill);
            haproxy.logText().lines().forEach(l -> say("HAProxy: " + l));
            AlertWatch alerts = new AlertWatch(http, lb, operator);
            // A second offline alert would open within a few checks; a second copy of a notice within a redelivery (2 s).
            List<JsonNode> offline = alerts.offlineAlerts(silent.serverId(), NOTICE_WITHIN, OFFLINE_CHECK_INTERVAL.multipliedBy(3));
            say("offline alerts of " + silent.serverId() + ": " + offline);
            List<AlertWatch.Notified> hot = new ArrayList<>();
            for (RegisteredServer server : List.of(hotBefore, hotAfter)) {
                AlertWatch.Notified notified = alerts.cpuAlertNotice(server.serverId(), receiver, NOTICE_WITHIN, SECOND_COPY_WOULD_COME_WITHIN);
                say("CPU alert of " + server.serverId() + ": opening notice " + notified.eventId().orElse("(none)")
                        + " received " + notified.received() + " time(s)");
                hot.add(notified);
            }
            long repeated = receiver.notices().stream().collect(Collectors.groupingBy(WebhookReceiver.Notice::eventId, Collectors.counting()))
                    .values().stream().filter(n -> n > 1).count();
            say("webhook notices received " + receiver.notices().size() + ", event ids received more than once " + repeated);

            Set<ReportKey> acknowledged = answers.stream().filter(Answer::acknowledged).map(Answer::report).collect(Collectors.toSet());
            StoredReports stored;
            try (Connection db = cluster.connectToDatabase(EmbeddedDatabase.USER, EmbeddedDatabase.DATABASE)) {
                stored = StoredReports.read(db, prefix);
            }
            say("acknowledged reports " + acknowledged.size() + ", rows stored " + stored.rows() + ", missing "
                    + stored.missing(acknowledged).size() + ", stored twice " + stored.storedTwice().size()
                    + ", stored though not acknowledged " + stored.unacknowledgedButStored(acknowledged));
            return new Observed(clusterBefore, figures, acknowledged, stored, kill, rejoin, offline, hot);
        }
    }

    private RegisteredServer register(URI lb, String enrollmentToken, String serverId) throws Exception {
        return new RegisteredServer(serverId, http.register(lb, enrollmentToken, serverId));
    }

    /** Waits, up to 30 s, until HAProxy's checks find every instance ready; the load shows it if they never do. */
    private static void awaitAllUp(Haproxy haproxy) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (haproxy.servers().stream().anyMatch(s -> !s.status().equals("UP")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        say("HAProxy before the load: " + haproxy.servers());
    }

    /** A report a second until {@code until}; then silence. */
    private void reportUntil(URI lb, RegisteredServer server, Instant until, Queue<Answer> answers) {
        try {
            while (Instant.now().isBefore(until)) {
                answers.add(http.post(lb, server, Instant.now().truncatedTo(ChronoUnit.MILLIS), 10));
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One report with CPU at 95, sent again (the same report) until acknowledged, as an agent does, for up to two minutes. */
    private void postHot(URI lb, RegisteredServer server, Queue<Answer> answers) {
        Instant timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant giveUp = timestamp.plus(Duration.ofMinutes(2));
        try {
            while (Instant.now().isBefore(giveUp)) {
                Answer answer = http.post(lb, server, timestamp, 95);
                answers.add(answer);
                if (answer.acknowledged()) {
                    return;
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGKILL to the Payara Micro of the instance holding the {@value #DUTY} duty, so that the survivor
     * has to take the once-per-cluster duties over (the offline alert and the notice after the kill
     * depend on it); to instance {@value #KILLED_WITHOUT_DUTY_HOLDER} when the cluster API names no holder.
     */
    private Kill kill(LaunchedCluster cluster, String operator) throws InterruptedException {
        JsonAnswer view = http.get(cluster.instanceUrl(1), "api/v1/cluster", operator);
        String holder = view.ok() ? ClusterView.parse(view.json()).dutyHolders().get(DUTY) : null;
        int instance = IntStream.rangeClosed(1, INSTANCES).filter(i -> LaunchedCluster.instanceName(i).equals(holder))
                .findFirst().orElse(KILLED_WITHOUT_DUTY_HOLDER);
        ProcessHandle payara = cluster.payara(instance).orElseThrow(() -> new AssertionError("no Payara Micro of "
                + LaunchedCluster.instanceName(instance) + " under the launcher"));
        Instant at = Instant.now();
        payara.destroyForcibly(); // SIGKILL
        say("killed " + LaunchedCluster.instanceName(instance) + " (pid " + payara.pid() + ", holding " + DUTY + ": "
                + LaunchedCluster.instanceName(instance).equals(holder) + ") with SIGKILL");
        return new Kill(instance, payara.pid(), at);
    }

    /**
     * Waits until the launcher has started the killed instance again, HAProxy sees it UP and, where the
     * cluster API answers at all, both instances list both members.
     */
    private Rejoin awaitRejoin(LaunchedCluster cluster, Haproxy haproxy, String operator, Kill kill) throws Exception {
        Instant deadline = kill.at().plus(REJOINS_WITHIN);
        while (true) {
            Optional<Long> pid = cluster.payara(kill.instance()).map(ProcessHandle::pid).filter(p -> p != kill.pid());
            boolean up = haproxy.isUp(kill.name());
            Map<Integer, JsonAnswer> views = clusterViews(cluster, operator);
            boolean apiMissing = views.values().stream().anyMatch(v -> v.status() == 404);
            boolean members = views.values().stream().allMatch(v -> v.ok() && ClusterView.parse(v.json()).members().size() == INSTANCES);
            if (pid.isPresent() && up && (members || apiMissing) || Instant.now().isAfter(deadline) || !cluster.isAlive()) {
                say(Duration.between(kill.at(), Instant.now()).toSeconds() + " s after the kill: new pid "
                        + pid.map(String::valueOf).orElse("none") + ", UP in HAProxy " + up + ", both members on every instance " + members);
                sayClusterViews("after the restart", views);
                return new Rejoin(pid, up, views);
            }
            Thread.sleep(1000);
        }
    }

    private Map<Integer, JsonAnswer> clusterViews(LaunchedCluster cluster, String operator) throws InterruptedException {
        Map<Integer, JsonAnswer> views = new LinkedHashMap<>();
        for (int i = 1; i <= INSTANCES; i++) {
            views.put(i, http.get(cluster.instanceUrl(i), "api/v1/cluster", operator));
        }
        return views;
    }

    private static void sayClusterViews(String when, Map<Integer, JsonAnswer> views) {
        views.forEach((i, view) -> say("GET /api/v1/cluster on " + LaunchedCluster.instanceName(i) + " " + when + ": "
                + (view.ok() ? ClusterView.parse(view.json()) : view.toString())));
    }

    /** Informative only: the readiness probe's "members" figure, where the server gives one. */
    private void sayReadinessMembers(LaunchedCluster cluster) throws InterruptedException {
        for (int i = 1; i <= INSTANCES; i++) {
            JsonNode checks = http.get(cluster.instanceUrl(i), "health/ready", null).json().path("checks");
            List<String> members = new ArrayList<>();
            checks.forEach(c -> {
                if (c.path("data").has("members")) {
                    members.add(c.path("name").asText() + ": " + c.path("data").path("members").asText());
                }
            });
            say("readiness of " + LaunchedCluster.instanceName(i) + " says members " + (members.isEmpty() ? "(not given)" : members));
        }
    }

    private static void judge(Observed run, List<String> leftovers) {
        List<ReportKey> missing = run.stored().missing(run.acknowledged());
        List<ReportKey> twice = run.stored().storedTwice();
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertMembers("before the load", run.clusterBefore()));
        checks.add(() -> assertTrue(run.load().acknowledged() > 0, "no report was acknowledged at all: " + run.load()));
        checks.add(() -> assertEquals(List.of(), first(missing), missing.size() + " of " + run.acknowledged().size()
                + " reports answered 2xx are not in the metrics table (the first of them shown)"));
        checks.add(() -> assertEquals(List.of(), first(twice), twice.size() + " reports have more than one row"));
        checks.add(() -> assertTrue(run.load().longestGapAfterKill().compareTo(RESUMES_WITHIN) <= 0,
                "after the kill no 2xx answer came for " + run.load().longestGapAfterKill().toMillis() + " ms (at most "
                        + RESUMES_WITHIN.toMillis() + " ms allowed), from " + run.load().longestGapFrom()));
        checks.add(() -> assertEquals(1, run.offlineAlerts().size(), "the server silent from " + SILENT_AFTER.toSeconds()
                + " s has exactly one offline alert: " + run.offlineAlerts()));
        for (AlertWatch.Notified hot : run.hotAlerts()) {
            checks.add(() -> assertTrue(hot.eventId().isPresent(), "no opening notice to the receiver for the CPU alert of "
                    + hot.serverId() + ": " + hot.alerts()));
            checks.add(() -> assertEquals(1, hot.received(), "the CPU alert of " + hot.serverId() + " reached the receiver "
                    + hot.received() + " times: " + hot.alerts()));
        }
        checks.add(() -> assertTrue(run.rejoin().pid().isPresent(), "the launcher did not start "
                + run.kill().name() + " again (a new process) within " + REJOINS_WITHIN.toMinutes()
                + " minutes of killing pid " + run.kill().pid()));
        checks.add(() -> assertTrue(run.rejoin().upInHaproxy(), "HAProxy sees the restarted "
                + run.kill().name() + " UP"));
        checks.add(() -> assertMembers("after the restart", run.rejoin().clusterViews()));
        checks.add(() -> assertEquals(List.of(), leftovers, "left running after SIGTERM to the launcher"));
        assertAll("ClusterIT", checks);
    }

    /** Each instance is in the grid, lists every instance as a member, by name, and itself as the one answering. */
    private static void assertMembers(String when, Map<Integer, JsonAnswer> views) {
        List<String> all = IntStream.rangeClosed(1, INSTANCES).mapToObj(LaunchedCluster::instanceName).toList();
        for (Map.Entry<Integer, JsonAnswer> view : views.entrySet()) {
            String name = LaunchedCluster.instanceName(view.getKey());
            assertEquals(200, view.getValue().status(), "GET /api/v1/cluster on " + name + " " + when + ": " + view.getValue());
            ClusterView cluster = ClusterView.parse(view.getValue().json());
            assertEquals(all, cluster.memberNames(), "the members " + name + " sees " + when + ": " + view.getValue());
            assertEquals(name, cluster.thisInstance(), "this_instance on " + name + " " + when);
            assertTrue(cluster.grid(), name + " is in the Domain Data Grid " + when + ": " + view.getValue());
        }
    }

    private static List<ReportKey> first(List<ReportKey> reports) {
        return reports.subList(0, Math.min(10, reports.size()));
    }

    private static void say(String line) {
        System.out.println("ClusterIT: " + line);
    }
}
