package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.healthmon.testsupport.TcpProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a user meets it: the launcher jar starts the embedded PostgreSQL,
 * Payara Micro and an agent; the agent's first report of this machine comes out of the read API;
 * SIGTERM leaves no process behind; a second start in the same data directory keeps the history.
 * Across that restart runs the alerting issue's hardest case: an alert opens while the webhook
 * receiver is down, the server is stopped, the receiver comes up, and the notice still arrives once.
 * The second start adds HTTPS with a generated self-signed certificate: the launcher's agent reports
 * over it (trusting exactly that certificate), and an agent that does not trust it refuses to talk.
 * Before the second run stops, its PostgreSQL and then its Payara Micro are killed with SIGKILL
 * under a report a second ({@link KillsUnderReports}): each comes back, and nothing acknowledged is lost.
 */
class EmbeddedRunIT {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    @Test
    void startsReportsStopsCleanlyAndKeepsItsDataAcrossRestarts() throws Exception {
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        int receiverPort = freePort();
        String receiverUrl = "http://127.0.0.1:" + receiverPort + "/hook";

        Process first = launch(port, "first", receiverUrl);
        JsonNode server;
        String hotServer = "hot-" + receiverPort;
        long alertId;
        try {
            server = awaitFirstReport(base, first);
            alertId = openCpuAlert(base, hotServer);
            JsonNode delivery = awaitDeliveryAttempt(base, hotServer);
            assertEquals("PENDING", delivery.get("state").asText(), "the receiver is down: " + delivery);
            String serverLog = Files.readString(dataDir.resolve("logs/server.log"));
            assertTrue(serverLog.contains("Payara Micro") && serverLog.indexOf('\u001b') < 0,
                    "the server log is plain text, without terminal colour codes");
        } catch (Throwable failure) {
            stopAfter(failure, first);
            throw failure;
        }
        stopAndCheckNothingIsLeft(first);
        String serverId = server.get("server_id").asText();
        String reportTime = server.at("/latest/timestamp").asText();

        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), receiverPort), 10);
        receiver.createContext("/hook", exchange -> {
            received.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        // The agent's key is lost while the database keeps its server: the second start re-enrols it.
        Files.delete(dataDir.resolve("agent/api-key"));
        int httpsPort = freePort();
        Instant secondLaunched = Instant.now();
        Process second = launch(port, "second", receiverUrl, "--https-port", Integer.toString(httpsPort));
        try {
            awaitReady(base, second);
            List<JsonNode> aboutHot = awaitNotices(received, hotServer, second);
            Thread.sleep(3000); // a second copy would arrive by now
            aboutHot = received.stream().filter(n -> hotServer.equals(n.path("server_id").asText())).toList();
            assertEquals(1, aboutHot.size(), "delivered once after the restart: " + aboutHot);
            assertEquals("alert.opened", aboutHot.get(0).get("event").asText());
            assertEquals(alertId, aboutHot.get(0).get("alert_id").asLong());

            JsonNode again = operatorGet(base, "api/v1/servers/" + serverId);
            assertEquals(serverId, again.get("server_id").asText());
            Instant reported = Instant.parse(reportTime);
            JsonNode history = operatorGet(base, "api/v1/servers/" + serverId + "/metrics?from="
                    + reported.minusSeconds(60) + "&to=" + reported.plusSeconds(60));
            assertTrue(history.toString().contains(reportTime.substring(0, 19)),
                    "the first run's report " + reportTime + " is still in the history: " + history);

            String agentConfig = Files.readString(dataDir.resolve("agent/agent.yaml"));
            assertTrue(agentConfig.contains("https://127.0.0.1:" + httpsPort) && agentConfig.contains("ca_file"), agentConfig);
            awaitReportAfter(base, serverId, secondLaunched, second);
            assertTrue(launcherLog("second").contains("re-enrolled this machine's agent as " + serverId),
                    "the lost key was replaced by re-enrolment: " + launcherLog("second"));
            assertUntrustedServerRefused(httpsPort);
            assertReportThroughTlsTerminatingProxy(port);
            new KillsUnderReports(http, dataDir, second, () -> launcherLog("second")).check(base);
        } catch (Throwable failure) {
            receiver.stop(0);
            stopAfter(failure, second);
            throw failure;
        }
        receiver.stop(0);
        stopAndCheckNothingIsLeft(second);
    }

    @Test
    void aSettingTheServerRefusesStopsTheLauncherAtOnceNamingIt() throws Exception {
        ProcessBuilder builder = launcher(freePort(), "refused", "http://127.0.0.1:9/hook", "--no-agent");
        builder.environment().put("HEALTHMON_INGEST_RELIEF_AFTER_MS", "-1");
        Process launcher = builder.start();
        try {
            // Well before the launcher's own five minutes for readiness: the failed deployment stops it.
            assertTrue(launcher.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS), "still running: " + launcherLog("refused"));
            assertEquals(1, launcher.exitValue(), launcherLog("refused"));
            assertTrue(launcherLog("refused").contains("the server refused its configuration: Invalid configuration"
                    + " healthmon.ingest.relief-after-ms: -1 is outside 0 to 60000"), launcherLog("refused"));
        } finally {
            launcher.destroyForcibly();
        }
    }

    /** Registers a server with the enrollment token and posts one report with CPU at 95; returns the alert id. */
    private long openCpuAlert(URI base, String serverId) throws Exception {
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(base.resolve("api/v1/register")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + RunFiles.credential(dataDir, "HEALTHMON_ENROLLMENT_TOKEN"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"server_id\":\"" + serverId + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, registered.statusCode(), registered.body());
        String key = JSON.readTree(registered.body()).get("api_key").asText();
        String report = """
                {"server_id":"%s","timestamp":"%s","cpu_usage":95.0,
                 "memory":{"total":1000,"used":500,"percentage":50.0},
                 "disk_usage":[{"mountpoint":"/","total":1000,"used":100,"percentage":10.0}],
                 "load_average":{"1min":1.0,"5min":1.0,"15min":1.0},"uptime":100,"failed_services":[]}
                """.formatted(serverId, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(base.resolve("api/v1/metrics")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(report)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode(), posted.body());
        JsonNode alerts = operatorGet(base, "api/v1/alerts?server=" + serverId).get("alerts");
        assertEquals(1, alerts.size(), alerts.toString());
        return alerts.get(0).get("id").asLong();
    }

    /** Waits until the server has tried (and, the receiver being down, failed) to deliver the alert. */
    private JsonNode awaitDeliveryAttempt(URI base, String serverId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode delivery = null;
        while (Instant.now().isBefore(deadline)) {
            delivery = operatorGet(base, "api/v1/alerts?server=" + serverId).at("/alerts/0/deliveries/0");
            if (delivery.path("attempts").asInt() >= 1) {
                return delivery;
            }
            Thread.sleep(500);
        }
        return fail("no delivery attempt within a minute: " + delivery);
    }

    private static List<JsonNode> awaitNotices(List<JsonNode> received, String serverId, Process launcher) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            List<JsonNode> about = received.stream().filter(n -> serverId.equals(n.path("server_id").asText())).toList();
            if (!about.isEmpty()) {
                return about;
            }
            assertTrue(launcher.isAlive(), "the launcher exited");
            Thread.sleep(500);
        }
        return fail("the notice held over the restart was not delivered within 90 s of the receiver coming up");
    }

    /** This machine's agent sent a report newer than {@code after}: over HTTPS, the only URL it has now. */
    private void awaitReportAfter(URI base, String serverId, Instant after, Process launcher) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            JsonNode server = operatorGet(base, "api/v1/servers/" + serverId);
            if (server.has("latest") && Instant.parse(server.at("/latest/timestamp").asText()).isAfter(after)) {
                return;
            }
            assertTrue(launcher.isAlive(), "the launcher exited");
            Thread.sleep(1000);
        }
        fail("no report over HTTPS within 2 minutes; agent log:\n" + RunFiles.read(dataDir.resolve("logs/agent.log")));
    }

    /**
     * The agent jar, registering over HTTPS, refuses the server when it trusts only the JVM's authorities
     * and when it trusts another self-signed certificate: it says so, and no key is written.
     */
    private void assertUntrustedServerRefused(int httpsPort) throws Exception {
        Path other = dataDir.resolve("other");
        Files.createDirectories(other);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", other.resolve("other.p12").toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "other", "-keystore", other.resolve("other.p12").toString(),
                "-storepass", "changeit", "-file", other.resolve("other.pem").toString()));
        for (String trust : List.of("", "  tls:\n    ca_file: \"" + other.resolve("other.pem") + "\"\n")) {
            Path config = other.resolve("agent.yaml");
            Path key = other.resolve("api-key");
            Files.writeString(config, "agent:\n  server_url: \"https://127.0.0.1:" + httpsPort + "/\"\n  api_key_file: \""
                    + key + "\"\n" + trust);
            Path agentJar = Path.of(System.getProperty("healthmon.launcher.jar")).getParent().resolve("runtime/healthmon-agent.jar");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process register = new ProcessBuilder(java, "-jar", agentJar.toString(), "register", "--server",
                    "https://127.0.0.1:" + httpsPort + "/", "--token", RunFiles.credential(dataDir, "HEALTHMON_ENROLLMENT_TOKEN"),
                    "--config", config.toString()).redirectErrorStream(true).start();
            String output = new String(register.getInputStream().readAllBytes());
            assertTrue(register.waitFor(60, TimeUnit.SECONDS));
            assertTrue(register.exitValue() != 0, "registration must fail against an untrusted certificate: " + output);
            assertTrue(output.contains("not trusted"), output);
            assertTrue(!Files.exists(key), "no key was obtained");
        }
    }

    /**
     * TLS terminated in front of the server, as a reverse proxy does: the proxy holds the certificate
     * and forwards plain HTTP to Payara; the agent, trusting that certificate, reports through it.
     */
    private void assertReportThroughTlsTerminatingProxy(int httpPort) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.inDataDir(dataDir, SelfSignedCertificate.EMBEDDED_PASSWORD);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(certificate.keystore())) {
            keys.load(in, certificate.password().toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, certificate.password().toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", httpPort, tls.getServerSocketFactory())) {
            Path config = dataDir.resolve("proxy-agent.yaml");
            Files.writeString(config, "agent:\n  server_url: \"https://127.0.0.1:" + proxy.port() + "/\"\n"
                    + "  api_key_file: \"" + dataDir.resolve("agent/api-key") + "\"\n"
                    + "  spool:\n    directory: \"" + dataDir.resolve("proxy-spool") + "\"\n"
                    + "  tls:\n    ca_file: \"" + certificate.certificatePem() + "\"\n");
            Path agentJar = Path.of(System.getProperty("healthmon.launcher.jar")).getParent().resolve("runtime/healthmon-agent.jar");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process once = new ProcessBuilder(java, "-jar", agentJar.toString(), "--once", "--config", config.toString())
                    .redirectErrorStream(true).start();
            String output = new String(once.getInputStream().readAllBytes());
            assertTrue(once.waitFor(60, TimeUnit.SECONDS));
            assertTrue(output.contains("1 accepted"), "reported through the TLS-terminating proxy: " + output);
        }
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, command.get(0) + ": " + output);
    }

    private Process launch(int port, String name, String webhookUrl, String... extra) throws IOException {
        return launcher(port, name, webhookUrl, extra).start();
    }

    private ProcessBuilder launcher(int port, String name, String webhookUrl, String... extra) {
        Path jar = Path.of(System.getProperty("healthmon.launcher.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", jar.toString(), "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port)));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("launcher-" + name + ".log").toFile());
        builder.environment().remove("DATABASE_URL");
        // The receiver, and retries quick enough for a test; the names are the documented variables.
        builder.environment().put("HEALTHMON_WEBHOOK_URLS", webhookUrl);
        builder.environment().put("HEALTHMON_WEBHOOK_INITIAL_BACKOFF", "2");
        builder.environment().put("HEALTHMON_WEBHOOK_MAX_BACKOFF", "4");
        builder.environment().put("HEALTHMON_WEBHOOK_POLL_INTERVAL", "2");
        // The agent inherits the launcher's environment; its documented override makes it report every 2 s.
        builder.environment().put("MONITORING_COLLECTION_INTERVAL", "2");
        return builder;
    }

    private JsonNode awaitFirstReport(URI base, Process launcher) throws Exception {
        awaitReady(base, launcher);
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            JsonNode page = operatorGet(base, "api/v1/servers");
            for (JsonNode server : page.get("servers")) {
                if (server.has("latest")) {
                    return server;
                }
            }
            assertTrue(launcher.isAlive(), "the launcher exited: " + launcherLog("first"));
            Thread.sleep(1000);
        }
        return fail("no agent report within " + READY_WITHIN + "; launcher output:\n" + launcherLog("first")
                + "\nagent log:\n" + RunFiles.read(dataDir.resolve("logs/agent.log")));
    }

    private void awaitReady(URI base, Process launcher) throws Exception {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("health/ready")).timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            assertTrue(launcher.isAlive(), "the launcher exited early");
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        fail("not ready within " + READY_WITHIN);
    }

    private JsonNode operatorGet(URI base, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private String adminToken() throws IOException {
        return RunFiles.credential(dataDir, "HEALTHMON_ADMIN_TOKEN");
    }

    /**
     * SIGTERM to the launcher; afterwards neither it nor anything it started may be running. PostgreSQL
     * detaches from its starter (pg_ctl), so it is found by the pid in its postmaster.pid file.
     */
    /** Stops the launcher after a failure, which stays the one reported; what the stop finds is added to it. */
    private void stopAfter(Throwable failure, Process launcher) {
        try {
            stopAndCheckNothingIsLeft(launcher);
        } catch (Throwable alsoWrong) {
            failure.addSuppressed(alsoWrong);
        }
    }

    private void stopAndCheckNothingIsLeft(Process launcher) throws Exception {
        List<ProcessHandle> children = launcher.descendants().toList();
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid")).get(0).trim());
        assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "PostgreSQL was running");
        launcher.destroy();
        assertTrue(launcher.waitFor(120, TimeUnit.SECONDS), "the launcher stops within 2 minutes of SIGTERM");
        for (ProcessHandle child : children) {
            child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
            assertTrue(!child.isAlive(), "left behind after SIGTERM: pid " + child.pid() + " "
                    + child.info().commandLine().orElse("?"));
        }
        assertTrue(children.size() >= 2, "the launcher had started the server and the agent: " + children.size());
        // Once stopped, PostgreSQL lingers as a zombie until init reaps it: allow a few seconds for that.
        ProcessHandle.of(postmaster).ifPresent(h -> h.onExit().completeOnTimeout(h, 15, TimeUnit.SECONDS).join());
        assertTrue(ProcessHandle.of(postmaster).map(h -> !h.isAlive()).orElse(true), "PostgreSQL stopped");
        assertTrue(!Files.exists(dataDir.resolve("pgdata/postmaster.pid")), "PostgreSQL shut down cleanly");
    }

    private String launcherLog(String name) {
        return RunFiles.read(dataDir.resolve("launcher-" + name + ".log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
