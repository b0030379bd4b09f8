package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.healthmon.launcher.cluster.HealthmonHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Issue 31 with the real parts, as a step of a launched run: under the launcher, the embedded
 * PostgreSQL's postmaster and then the Payara Micro JVM are killed with SIGKILL. Each comes back within
 * 30 s, ingest answers 2xx again, and every report acknowledged with a 2xx before, between or after
 * the kills is in the database. A client of our own posts a report a second with a key it registered;
 * the launcher's agent runs beside it, and its spool's rejected/ folder must stay empty across the
 * restarts.
 */
final class KillsUnderReports {

    private static final Duration BACK_WITHIN = Duration.ofSeconds(30);

    private final HttpClient http;
    private final Path dataDir;
    private final Process launcher;
    private final Supplier<String> launcherOutput;

    /** What the poster sent and what came back: the report's time, when it was sent and answered, and the status (0: no answer). */
    record Sent(Instant timestamp, Instant sentAt, Instant answeredAt, int status) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    KillsUnderReports(HttpClient http, Path dataDir, Process launcher, Supplier<String> launcherOutput) {
        this.http = http;
        this.dataDir = dataDir;
        this.launcher = launcher;
        this.launcherOutput = launcherOutput;
    }

    /**
     * Kills PostgreSQL, then Payara Micro, under a report a second to {@code base}, and checks what
     * comes back. It waits for the launcher's banner first: until then the launcher is still starting,
     * and takes a part that dies for one that never became ready, stopping everything.
     */
    void check(URI base) throws Exception {
        Instant started = Instant.now().plus(Duration.ofMinutes(3));
        while (!launcherLog().contains("Press Ctrl-C to stop.")) {
            assertTrue(launcher.isAlive() && Instant.now().isBefore(started), "the launcher did not print its banner:\n" + launcherLog());
            Thread.sleep(200);
        }
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        Thread poster = null;
        try {
            String serverId = "supervised-" + base.getPort();
            String key = new HealthmonHttp().register(base, RunFiles.credential(dataDir, "HEALTHMON_ENROLLMENT_TOKEN"), serverId);
            poster = new Thread(() -> postEverySecond(base, key, serverId, sent), "poster");
            poster.setDaemon(true);
            poster.start();
            awaitAcknowledgedAfter(sent, Instant.now(), "before any kill");

            long oldPostmaster = postmasterPid();
            Instant postgresKilled = Instant.now();
            ProcessHandle.of(oldPostmaster).orElseThrow().destroyForcibly();
            Duration postgresBack = awaitAcknowledgedAfter(sent, postgresKilled, "after killing PostgreSQL");
            System.out.println("KillsUnderReports: ingest answered 2xx again " + postgresBack.toMillis() + " ms after kill -9 of PostgreSQL");
            assertTrue(postgresBack.compareTo(BACK_WITHIN) <= 0, "ingest back within 30 s of killing PostgreSQL: " + postgresBack);
            assertTrue(postmasterPid() != oldPostmaster, "a new postmaster runs");

            ProcessHandle payara = launcher.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("payara-micro.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Payara Micro under the launcher"));
            Instant payaraKilled = Instant.now();
            payara.destroyForcibly();
            Duration payaraBack = awaitAcknowledgedAfter(sent, payaraKilled, "after killing Payara Micro");
            System.out.println("KillsUnderReports: ingest answered 2xx again " + payaraBack.toMillis() + " ms after kill -9 of Payara Micro");
            assertTrue(payaraBack.compareTo(BACK_WITHIN) <= 0, "ingest back within 30 s of killing Payara: " + payaraBack);
            awaitAcknowledgedAfter(sent, Instant.now().plusSeconds(2), "a little later");
            poster.interrupt();
            poster.join(10_000);

            List<Sent> acknowledged = sent.stream().filter(Sent::acknowledged).toList();
            Set<Instant> stored = storedTimestamps(serverId);
            List<Instant> lost = acknowledged.stream().map(Sent::timestamp).filter(t -> !stored.contains(t)).toList();
            assertEquals(List.of(), lost, "acknowledged but not stored, of " + acknowledged.size() + " acknowledged; launcher output:\n"
                    + launcherLog());
            assertTrue(sent.stream().anyMatch(s -> !s.acknowledged()), "the kills were seen by the client: " + sent);

            String output = launcherLog();
            output.lines().filter(l -> l.contains("restart") || l.contains("running again") || l.contains("left over"))
                    .forEach(l -> System.out.println("KillsUnderReports: launcher said: " + l));
            assertTrue(output.contains("the embedded PostgreSQL was killed (signal 9); restarting it")
                    || output.contains("the embedded PostgreSQL exited; restarting it"), output);
            assertTrue(output.contains("the embedded PostgreSQL is running again"), output);
            assertTrue(output.contains("the server was killed (signal 9); restarting it in 1 s"), output);
            assertTrue(output.contains("the server is running again"), output);

            Path rejected = dataDir.resolve("agent/spool/rejected");
            try (Stream<Path> files = Files.exists(rejected) ? Files.list(rejected) : Stream.empty()) {
                assertEquals(List.of(), files.toList(), "the agent set no report aside across the restarts; agent log:\n"
                        + RunFiles.read(dataDir.resolve("logs/agent.log")));
            }
        } finally {
            if (poster != null) {
                poster.interrupt();
            }
        }
    }

    /** One report a second, each with its own second, until interrupted; every answer (or none) recorded. */
    private void postEverySecond(URI base, String key, String serverId, ConcurrentLinkedQueue<Sent> sent) {
        Instant last = Instant.EPOCH;
        while (!Thread.currentThread().isInterrupted()) {
            Instant timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            if (timestamp.equals(last)) {
                timestamp = last.plusSeconds(1);
            }
            last = timestamp;
            String report = HealthmonHttp.report(serverId, timestamp, 10);
            int status;
            Instant sentAt = Instant.now();
            try {
                status = http.send(HttpRequest.newBuilder(base.resolve("api/v1/metrics")).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(report)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                return;
            }
            sent.add(new Sent(timestamp, sentAt, Instant.now(), status));
            try {
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), timestamp.plusSeconds(1)).toMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** How long after {@code since} a report sent after it was first answered 2xx. */
    private Duration awaitAcknowledgedAfter(ConcurrentLinkedQueue<Sent> sent, Instant since, String when)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            for (Sent s : sent) {
                if (s.acknowledged() && s.sentAt().isAfter(since)) {
                    return Duration.between(since, s.answeredAt());
                }
            }
            assertTrue(launcher.isAlive(), "the launcher exited " + when + ":\n" + launcherLog());
            Thread.sleep(100);
        }
        return fail("no report acknowledged within 2 minutes " + when + "; launcher output:\n" + launcherLog());
    }

    private Set<Instant> storedTimestamps(String serverId) throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid"));
        int dbPort = Integer.parseInt(pid.get(3).trim());
        Properties login = new Properties();
        login.setProperty("user", EmbeddedDatabase.USER);
        login.setProperty("password", RunFiles.credential(dataDir, "EMBEDDED_DATABASE_PASSWORD"));
        Set<Instant> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/" + EmbeddedDatabase.DATABASE, login);
             PreparedStatement s = c.prepareStatement(
                     "select m.collected_at from metrics m join servers s on s.id = m.server_ref where s.server_id = ?")) {
            s.setString(1, serverId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getObject(1, java.time.OffsetDateTime.class).toInstant());
                }
            }
        }
        return stored;
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid")).get(0).trim());
    }

    private String launcherLog() {
        return launcherOutput.get();
    }
}
