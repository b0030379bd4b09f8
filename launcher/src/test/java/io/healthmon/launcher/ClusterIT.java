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
import io.healthmon.launcher.cluster.UserChecks;
import io.healthmon.launcher.cluster.WebhookReceiver;
import io.healthmon.testsupport.cluster.Haproxy;
import io.healthmon.testsupport.cluster.HaproxyConfig;
import io.healthmon.testsupport.cluster.LocalPorts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * <li>SIGTERM to the launcher leaves nothing running and no port taken.</li>
 * </ul>
 * Before the load, what a user of a fresh {@code ./healthmon --instances 2} sees ({@link UserChecks}):
 * the banner, both instances counting two members at their loopback grid ports (their readiness, their
 * cluster API and Payara's own log), the agent of this machine configured with both and its report
 * read from the second, and a threshold set and a key revoked through one instance holding at once on
 * the other. After the rejoin, the survivor's log shows the killed instance leave and come back, and
 * the new one never stood alone. Last, failed authentications alternating over the two instances are
 * refused after one burst, not one per instance: the grid's buckets are shared.
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
    /** The agent of this machine reports every 2 s, so its first report is soon read back. */
    private static final Duration AGENT_REPORT_WITHIN = Duration.ofMinutes(2);
    /** The server's default failed-authentication budget per address: a burst of 20, 10 a minute back. */
    private static final int AUTH_FAILURE_BURST = 20;
    private static final int AUTH_FAILURES_PER_MINUTE = 10;

    private final HealthmonHttp http = new HealthmonHttp();

    @TempDir
    Path dataDir;

    /** What the run did, observed before anything is judged. */
    record Observed(Map<Integer, JsonAnswer> clusterBefore, LoadFigures load, Set<ReportKey> acknowledged,
                    StoredReports stored, Kill kill, Rejoin rejoin, List<JsonNode> offlineAlerts,
                    List<AlertWatch.Notified> hotAlerts, FailureBudget authFailures) {
    }

    /** The instance whose Payara Micro was killed, its pid, when, and how long each server log was then. */
    record Kill(int instance, long pid, Instant at, Map<Integer, Long> logSizes) {

        String name() {
            return LaunchedCluster.instanceName(instance);
        }
    }

    /**
     * After the kill: the new Payara Micro's pid, whether HAProxy sees it UP, the cluster as each
     * instance sees it, and what each server log has said since the kill.
     */
    record Rejoin(Optional<Long> pid, boolean upInHaproxy, Map<Integer, JsonAnswer> clusterViews, Map<Integer, String> logsSinceKill) {
    }

    /** Failed authentications sent alternately to each instance: how many were answered 401 and 429, and how long it took. */
    record FailureBudget(int sent, int unauthorized, int limited, Duration took) {

        /** Tokens the bucket can have regained meanwhile. */
        long refilled() {
            return (long) Math.ceil(took.toMillis() / 60_000.0 * AUTH_FAILURES_PER_MINUTE);
        }
    }

    @Test
    void twoInstancesBehindHaproxyLoseNothingAcknowledgedWhenOneIsKilledAndItRejoins() throws Exception {
        Observed observed;
        List<String> leftovers;
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            LaunchedCluster cluster = LaunchedCluster.start(Path.of(System.getProperty("healthmon.launcher.jar")), dataDir,
                    LocalPorts.freeRun(INSTANCES), LocalPorts.freeRun(INSTANCES), INSTANCES, settings(receiver), true, StoredCredentials.FILE);
            try {
                observed = observe(cluster, receiver);
            } catch (Exception | AssertionError e) {
                cluster.keepLogs(Path.of("target", "cluster-it-logs"));
                say("the run broke off (every log kept in target/cluster-it-logs); the launcher's output:\n" + cluster.output()
                        + "\n" + cluster.logTails(60));
                throw e;
            } finally {
                leftovers = cluster.stop();
                leftovers.addAll(takenPorts(cluster));
                long stopping = cluster.output().lines().filter(l -> l.contains("stopping the " + INSTANCES + " server instances")).count();
                if (stopping != 1) {
                    leftovers.add("the launcher said it was stopping the instances " + stopping + " times");
                }
                say("launcher said: " + cluster.output().lines()
                        .filter(l -> l.contains("restart") || l.contains("running again") || l.contains("killed"))
                        .collect(Collectors.joining(" | ")));
            }
        }
        judge(observed, leftovers);
    }

    /** Each instance's HTTP and grid port still taken after the stop, named. */
    private static List<String> takenPorts(LaunchedCluster cluster) {
        List<String> taken = new ArrayList<>();
        for (int i = 1; i <= INSTANCES; i++) {
            for (int port : List.of(cluster.instancePort(i), cluster.gridPort(i))) {
                if (!PortCheck.free(port)) {
                    taken.add("port " + port + " of " + LaunchedCluster.instanceName(i) + " still taken");
                }
            }
        }
        return taken;
    }

    /** The server's and the agent's settings, as the documented environment variables. */
    private static Map<String, String> settings(WebhookReceiver receiver) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("MONITORING_COLLECTION_INTERVAL", "2");
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

            String prefix = "cluster-" + cluster.instancePort(1) + "-";
            String enrollment = cluster.credential("HEALTHMON_ENROLLMENT_TOKEN");
            UserChecks.assertStartedAsOneCluster(cluster, http, operator);
            JsonNode agentReport = UserChecks.awaitAgentReportReadFrom(cluster, http, 2, operator, AGENT_REPORT_WITHIN);
            say("the agent's report of " + agentReport.path("server_id").asText() + " read from " + LaunchedCluster.instanceName(2));
            UserChecks.assertSharedStateSeenAtOnce(http, cluster.instanceUrl(1), cluster.instanceUrl(2), operator, enrollment, prefix + "shared");
            say("a threshold set and a key revoked through healthmon-1 held at once on healthmon-2");
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
            FailureBudget budget = spendFailureBudget(cluster);
            say("failed authentications alternating over the instances: " + budget);
            return new Observed(clusterBefore, figures, acknowledged, stored, kill, rejoin, offline, hot, budget);
        }
    }

    /** Twice the burst of failed authentications, alternating over the instances (the last requests of the run). */
    private FailureBudget spendFailureBudget(LaunchedCluster cluster) throws InterruptedException {
        Instant began = Instant.now();
        int[] statuses = UserChecks.failedAuthentications(cluster, http, 2 * AUTH_FAILURE_BURST);
        Duration took = Duration.between(began, Instant.now());
        return new FailureBudget(statuses.length, (int) IntStream.of(statuses).filter(s -> s == 401).count(),
                (int) IntStream.of(statuses).filter(s -> s == 429).count(), took);
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
        Map<Integer, Long> logSizes = new LinkedHashMap<>();
        for (int i = 1; i <= INSTANCES; i++) {
            logSizes.put(i, sizeOf(cluster.serverLog(i)));
        }
        Instant at = Instant.now();
        payara.destroyForcibly(); // SIGKILL
        say("killed " + LaunchedCluster.instanceName(instance) + " (pid " + payara.pid() + ", holding " + DUTY + ": "
                + LaunchedCluster.instanceName(instance).equals(holder) + ") with SIGKILL");
        return new Kill(instance, payara.pid(), at, logSizes);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the file got after {@code offset}: what a process wrote to it since then. */
    private static String readFrom(Path file, long offset) {
        try {
            byte[] all = Files.readAllBytes(file);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
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
                Map<Integer, String> logs = new LinkedHashMap<>();
                kill.logSizes().forEach((i, size) -> logs.put(i, readFrom(cluster.serverLog(i), size)));
                return new Rejoin(pid, up, views, logs);
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
        int survivor = run.kill().instance() == 1 ? 2 : 1;
        String survivorSince = run.rejoin().logsSinceKill().get(survivor);
        String restartedSince = run.rejoin().logsSinceKill().get(run.kill().instance());
        String alone = UserChecks.GRID_SIZE + 1;
        String both = UserChecks.GRID_SIZE + INSTANCES;
        checks.add(() -> assertTrue(survivorSince.contains(alone) && survivorSince.lastIndexOf(both) > survivorSince.indexOf(alone),
                LaunchedCluster.instanceName(survivor) + " saw " + run.kill().name() + " leave and come back:\n" + tail(survivorSince)));
        checks.add(() -> assertTrue(restartedSince.contains(both) && !restartedSince.contains(alone + "\n"),
                "the new " + run.kill().name() + " joined the grid and never stood alone:\n" + tail(restartedSince)));
        FailureBudget budget = run.authFailures();
        checks.add(() -> assertTrue(budget.unauthorized() <= AUTH_FAILURE_BURST + budget.refilled()
                        && budget.unauthorized() + budget.limited() == budget.sent(),
                "one budget of " + AUTH_FAILURE_BURST + " failed authentications for the cluster, not one per instance: " + budget));
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

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 4000));
    }

    private static void say(String line) {
        System.out.println("ClusterIT: " + line);
    }
}
