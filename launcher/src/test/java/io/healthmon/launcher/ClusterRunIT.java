package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./healthmon --instances 2} as a user meets it, on a fresh data directory: the launcher starts the
 * embedded PostgreSQL, two Payara Micro instances that join one grid on loopback, and an agent that knows
 * both. Both become ready and the banner names both; the agent's report of this machine, sent to the
 * first, is read from the second (one database); each instance's {@code GET /api/v1/cluster} and readiness
 * count two members at loopback addresses, as Payara's own log does; the second instance, killed, is
 * started again by the launcher and rejoins; SIGTERM stops the agent, both instances and the database and
 * leaves no process and no port behind.
 */
class ClusterRunIT {

    /** Two instances boot at once on a machine of 2 cores that other work shares: each has taken 1 to 4 minutes. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE_BURST = 20;
    private static final int RATE_PER_MINUTE = 30;
    /** Payara's own account of the grid, logged by each member whenever a member joins or leaves. */
    private static final String TWO_MEMBERS = "DG Name: healthmon DG Size: 2";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    @Test
    void twoInstancesFormOneClusterOnOneDatabaseRejoinAfterAKillAndStopWithoutATrace() throws Exception {
        int port = freePortsBelow32768(2);
        int gridPort = freePortsBelow32768(2, port);
        List<URI> bases = List.of(URI.create("http://127.0.0.1:" + port + "/"), URI.create("http://127.0.0.1:" + (port + 1) + "/"));
        Process launcher = launch("--instances", "2", "--port", Integer.toString(port), "--grid-port", Integer.toString(gridPort));
        try {
            awaitLauncherSays("healthmon is running", launcher);
            String output = launcherLog();
            assertTrue(output.contains("healthmon is running: 2 server instances in one cluster"), output);
            assertTrue(output.contains("healthmon-1:       " + bases.get(0)) && output.contains("healthmon-2:       " + bases.get(1)),
                    "the banner names each instance with its URL:\n" + output);
            assertTrue(output.contains("the 2 instances form one grid"), output);
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> ready = get(bases.get(i), "health/ready", null);
                assertEquals(200, ready.statusCode(), bases.get(i) + " is ready: " + ready.body());
                assertEquals(2, JSON.readTree(ready.body()).at("/checks/0/data/members").asInt(), ready.body());
                assertClusterOfTwo(bases.get(i), "healthmon-" + (i + 1), gridPort);
            }
            // Each member sees the other at its loopback grid port: --interfaces 127.0.0.1 at work.
            for (int i = 1; i <= 2; i++) {
                String serverLog = RunFiles.read(dataDir.resolve("logs/server-" + i + ".log"));
                assertTrue(serverLog.contains(TWO_MEMBERS), "healthmon-" + i + " counts two members:\n" + tail(serverLog));
                assertTrue(serverLog.contains("Address: /127.0.0.1:" + gridPort) && serverLog.contains("Address: /127.0.0.1:" + (gridPort + 1)),
                        "members at their loopback grid ports:\n" + tail(serverLog));
            }
            String agentConfig = RunFiles.read(dataDir.resolve("agent/agent.yaml"));
            assertTrue(agentConfig.contains("  server_urls:\n    - \"" + bases.get(0) + "\"\n    - \"" + bases.get(1) + "\"\n"), agentConfig);

            JsonNode reported = awaitReportReadFrom(bases.get(1), launcher);
            System.out.println("ClusterRunIT: the agent's report of " + reported.get("server_id").asText() + " read from healthmon-2");
            sharedStateIsSeenByBothInstancesAtOnce(bases.get(0), bases.get(1));

            Path secondLog = dataDir.resolve("logs/server-2.log");
            long secondLogBefore = Files.size(secondLog);
            long firstLogBefore = Files.size(dataDir.resolve("logs/server-1.log"));
            ProcessHandle second = payara(launcher, "payara-2");
            second.destroyForcibly();
            awaitLauncherSays("the server healthmon-2 is running again", launcher);
            assertTrue(launcherLog().contains("the server healthmon-2 was killed (signal 9); restarting it in 1 s"), launcherLog());
            second.onExit().get(30, TimeUnit.SECONDS);
            long restarted = payara(launcher, "payara-2").pid();
            assertTrue(restarted != second.pid(), "a new healthmon-2 runs: pid " + restarted + ", killed " + second.pid());
            assertEquals(200, get(bases.get(1), "health/ready", null).statusCode());
            assertClusterOfTwo(bases.get(0), "healthmon-1", gridPort);
            assertClusterOfTwo(bases.get(1), "healthmon-2", gridPort);
            String firstSince = readFrom(dataDir.resolve("logs/server-1.log"), firstLogBefore);
            assertTrue(firstSince.contains("DG Size: 1") && firstSince.indexOf(TWO_MEMBERS) > firstSince.indexOf("DG Size: 1"),
                    "healthmon-1 saw healthmon-2 leave and come back:\n" + firstSince);
            assertTrue(readFrom(secondLog, secondLogBefore).contains(TWO_MEMBERS), "the new healthmon-2 joined healthmon-1's grid");
            assertFalse(readFrom(secondLog, secondLogBefore).contains("DG Size: 1\n"), "it never stood alone");
        } finally {
            stopAndCheckNothingIsLeft(launcher, List.of(port, port + 1, gridPort, gridPort + 1));
        }
    }

    @Test
    void aTakenGridPortStopsTheLauncherBeforeAnythingStartsNamingThePort() throws Exception {
        int port = freePortsBelow32768(2);
        int gridPort = freePortsBelow32768(2, port);
        try (ServerSocket taken = new ServerSocket(gridPort + 1, 1, InetAddress.getLoopbackAddress())) {
            Process launcher = launch("--instances", "2", "--port", Integer.toString(port), "--grid-port", Integer.toString(gridPort));
            try {
                assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher ends at once:\n" + launcherLog());
                assertEquals(1, launcher.exitValue(), launcherLog());
                assertTrue(launcherLog().contains("port " + (gridPort + 1) + " (the grid port of healthmon-2) is taken by another program;"
                        + " stop it or choose other ports with --grid-port"), launcherLog());
                assertFalse(launcherLog().contains("starting"), "nothing was started:\n" + launcherLog());
            } finally {
                launcher.destroyForcibly();
            }
        }
    }

    /** The first server with a report, as the given instance reads it from the shared database. */
    private JsonNode awaitReportReadFrom(URI base, Process launcher) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> servers = get(base, "api/v1/servers", RunFiles.credential(dataDir, "HEALTHMON_ADMIN_TOKEN"));
            assertEquals(200, servers.statusCode(), servers.body());
            for (JsonNode server : JSON.readTree(servers.body()).get("servers")) {
                if (server.has("latest")) {
                    return server;
                }
            }
            assertTrue(launcher.isAlive(), "the launcher exited:\n" + launcherLog());
            Thread.sleep(1000);
        }
        return fail("no agent report within 2 minutes; agent log:\n" + RunFiles.read(dataDir.resolve("logs/agent.log")));
    }

    /** The server's own account: two members, by name, at their loopback grid ports, this one marked. */
    /**
     * What the grid shares, seen from the other instance on the very next request: a key revoked
     * through A is refused by B; a key's burst is spent across A and B together, not once on each; a
     * threshold set through A judges the next report B stores.
     */
    private void sharedStateIsSeenByBothInstancesAtOnce(URI a, URI b) throws Exception {
        String admin = RunFiles.credential(dataDir, "HEALTHMON_ADMIN_TOKEN");
        String serverId = "shared-" + ThreadLocalRandom.current().nextInt(1_000_000);
        JsonNode registered = JSON.readTree(send(a, "POST", "api/v1/register", RunFiles.credential(dataDir, "HEALTHMON_ENROLLMENT_TOKEN"),
                "{\"server_id\":\"" + serverId + "\"}").body());
        String key = registered.get("api_key").asText();
        Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(3600);

        // The burst (RATE_BURST, refilled at RATE_PER_MINUTE) across both instances together.
        int allowed = 0;
        Instant began = Instant.now();
        for (int i = 0; i < 2 * RATE_BURST; i++) {
            int status = send(i % 2 == 0 ? a : b, "POST", "api/v1/metrics", key, report(serverId, t.plusSeconds(i), 10)).statusCode();
            assertTrue(status == 200 || status == 429, "report " + i + " answered " + status);
            allowed += status == 200 ? 1 : 0;
        }
        long refilled = (long) Math.ceil(Duration.between(began, Instant.now()).toMillis() / 60_000.0 * RATE_PER_MINUTE);
        assertTrue(allowed >= RATE_BURST && allowed <= RATE_BURST + refilled,
                allowed + " of " + 2 * RATE_BURST + " allowed across both instances; the burst is " + RATE_BURST + " (+" + refilled + " refilled)");
        Thread.sleep(60_000 / RATE_PER_MINUTE * 3); // three tokens back for what follows

        // A threshold set through A judges B's next report.
        assertEquals(200, send(a, "PUT", "api/v1/servers/" + serverId + "/thresholds", admin, "{\"cpu\":40}").statusCode());
        assertEquals(200, send(b, "POST", "api/v1/metrics", key, report(serverId, t.plusSeconds(1000), 50)).statusCode());
        JsonNode open = JSON.readTree(get(b, "api/v1/alerts?state=open&server=" + serverId, admin).body()).get("alerts");
        assertEquals(1, open.size(), "CPU 50 against the threshold of 40 set through the other instance: " + open);
        assertEquals("HIGH_CPU", open.get(0).get("kind").asText(), open.toString());

        // A key revoked through A is refused by B on the next request.
        long keyId = registered.get("key_id").asLong();
        assertEquals(200, send(a, "DELETE", "api/v1/servers/" + serverId + "/keys/" + keyId, admin, null).statusCode());
        HttpResponse<String> refused = send(b, "POST", "api/v1/metrics", key, report(serverId, t.plusSeconds(1001), 10));
        assertEquals(401, refused.statusCode(), "the key revoked through the other instance: " + refused.body());
        System.out.println("ClusterRunIT: " + allowed + " of " + 2 * RATE_BURST + " reports allowed across both instances (burst "
                + RATE_BURST + "); the threshold and the revocation made through healthmon-1 held at once on healthmon-2");
    }

    private static String report(String serverId, Instant at, double cpu) {
        return "{\"server_id\":\"" + serverId + "\",\"timestamp\":\"" + at + "\",\"cpu_usage\":" + cpu
                + ",\"memory\":{\"total\":100,\"used\":10,\"percentage\":10},\"disk_usage\":[],\"uptime\":5}";
    }

    private HttpResponse<String> send(URI base, String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertClusterOfTwo(URI base, String thisInstance, int gridPort) throws Exception {
        HttpResponse<String> answer = get(base, "api/v1/cluster", RunFiles.credential(dataDir, "HEALTHMON_ADMIN_TOKEN"));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode cluster = JSON.readTree(answer.body());
        assertEquals(thisInstance, cluster.get("this_instance").asText(), answer.body());
        assertTrue(cluster.get("grid").asBoolean(), answer.body());
        JsonNode members = cluster.get("members");
        assertEquals(2, members.size(), answer.body());
        for (int i = 0; i < 2; i++) {
            JsonNode member = members.get(i);
            assertEquals("healthmon-" + (i + 1), member.get("name").asText(), answer.body());
            assertEquals("127.0.0.1:" + (gridPort + i), member.get("address").asText(), answer.body());
            assertEquals(thisInstance.equals(member.get("name").asText()), member.get("this_instance").asBoolean(), answer.body());
        }
        assertTrue(cluster.get("duties").isArray(), answer.body());
    }

    private static ProcessHandle payara(Process launcher, String rootDir) {
        return launcher.descendants()
                .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("payara-micro.jar")
                        && p.info().commandLine().orElse("").contains("/run/" + rootDir + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no Payara Micro with " + rootDir + " under the launcher"));
    }

    private HttpResponse<String> get(URI base, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process launch(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", System.getProperty("healthmon.launcher.jar"),
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("launcher.log").toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().keySet().removeIf(name -> name.startsWith("HEALTHMON_"));
        // The agent inherits the launcher's environment; its documented override makes it report every 2 s.
        builder.environment().put("MONITORING_COLLECTION_INTERVAL", "2");
        // A small burst, refilled at the agent's own pace (30 a minute against its one every 2 s): the
        // shared budget shows in a few requests, and the agent is never held back.
        builder.environment().put("HEALTHMON_RATE_LIMIT_KEY_BURST", Integer.toString(RATE_BURST));
        builder.environment().put("HEALTHMON_RATE_LIMIT_KEY_PER_MINUTE", Integer.toString(RATE_PER_MINUTE));
        return builder.start();
    }

    private void awaitLauncherSays(String text, Process launcher) throws Exception {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (!launcherLog().contains(text)) {
            assertTrue(launcher.isAlive() && Instant.now().isBefore(deadline), "the launcher did not say '" + text + "':\n" + launcherLog());
            Thread.sleep(500);
        }
    }

    /**
     * SIGTERM to the launcher: afterwards nothing it started runs (PostgreSQL, which detaches from its
     * starter, is found by its postmaster.pid), PostgreSQL shut down cleanly, and no port is held.
     */
    private void stopAndCheckNothingIsLeft(Process launcher, List<Integer> ports) throws Exception {
        List<ProcessHandle> children = launcher.descendants().toList();
        long payaras = children.stream().filter(c -> c.info().commandLine().orElse("").contains("payara-micro.jar")).count();
        Path pidFile = dataDir.resolve("pgdata/postmaster.pid");
        long postmaster = Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
        launcher.destroy();
        assertTrue(launcher.waitFor(120, TimeUnit.SECONDS), "the launcher stops within 2 minutes of SIGTERM");
        for (ProcessHandle child : children) {
            child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
            assertFalse(child.isAlive(), "left behind after SIGTERM: pid " + child.pid() + " " + child.info().commandLine().orElse("?"));
        }
        assertTrue(payaras >= 2, "the launcher had started both instances: " + payaras);
        // Once stopped, PostgreSQL lingers as a zombie until init reaps it: allow a few seconds for that.
        ProcessHandle.of(postmaster).ifPresent(h -> h.onExit().completeOnTimeout(h, 15, TimeUnit.SECONDS).join());
        assertTrue(postmaster > 0 && ProcessHandle.of(postmaster).map(h -> !h.isAlive()).orElse(true), "PostgreSQL stopped");
        assertFalse(Files.exists(pidFile), "PostgreSQL shut down cleanly:\n" + launcherLog());
        for (int port : ports) {
            assertTrue(PortCheck.free(port), "port " + port + " is free again");
        }
        assertEquals(1, launcherLog().lines().filter(l -> l.contains("stopping the 2 server instances")).count(), launcherLog());
    }

    private String launcherLog() {
        return RunFiles.read(dataDir.resolve("launcher.log"));
    }

    /** What was written to the file after {@code offset}: what a process wrote since then. */
    private static String readFrom(Path file, long offset) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return new String(all, (int) offset, all.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 4000));
    }

    /**
     * The first of {@code count} consecutive free ports, below the kernel's range for outgoing connections'
     * local ports so that no client socket can take one meanwhile.
     */
    private static int freePortsBelow32768(int count) throws IOException {
        return freePortsBelow32768(count, -count);
    }

    /** As {@link #freePortsBelow32768(int)}, apart from the range of {@code count} ports from {@code other}. */
    private static int freePortsBelow32768(int count, int other) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 32_768 - count);
            boolean free = Math.abs(first - other) >= count;
            for (int port = first; port < first + count && free; port++) {
                free = PortCheck.free(port);
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no " + count + " free consecutive ports below 32768");
    }
}
