package io.healthmon.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The server's systemd unit, {@code dist/healthmon-server.service}: what it must say, checked on its
 * text; that systemd accepts it ({@code systemd-analyze verify}) and rates its hardening as OK
 * ({@code systemd-analyze security --offline=yes}), where systemd-analyze is installed; and the readiness
 * wait its ExecStartPost runs, against answers with and without the application.
 */
class ServerUnitTest {

    private static final Path UNIT = Path.of("dist/healthmon-server.service");

    @Test
    void restartsOnFailureReadsSecretsFromAnEnvironmentFileAndCountsAStartOnlyOnceDeployed() throws Exception {
        String unit = Files.readString(UNIT);

        assertTrue(unit.contains("\nRestart=on-failure\n"), unit);
        assertTrue(unit.contains("\nEnvironmentFile=/etc/healthmon/server.env\n"), unit);
        assertTrue(unit.contains("\nExecStartPre=/usr/bin/java -jar /opt/healthmon/healthmon-payara-config.jar"
                + " ${RUNTIME_DIRECTORY}/post-boot.asadmin ${RUNTIME_DIRECTORY}/logging.properties ${RUNTIME_DIRECTORY}/cluster.env\n"), unit);
        assertTrue(unit.contains("--postbootcommandfile ${RUNTIME_DIRECTORY}/post-boot.asadmin"), unit);
        assertTrue(unit.contains("--logproperties ${RUNTIME_DIRECTORY}/logging.properties"), "plain log lines for the journal: " + unit);
        assertTrue(unit.contains("--deploy /opt/healthmon/healthmon-server.war --contextroot /"), unit);
        // The cluster flags ExecStartPre renders reach Payara Micro: the file is read after ExecStartPre, in
        // the runtime directory, and its variable is expanded unquoted, one argument per flag.
        assertTrue(unit.contains("\nRuntimeDirectory=healthmon\n") && unit.contains("\nEnvironmentFile=-/run/healthmon/cluster.env\n"), unit);
        assertTrue(unit.contains("-jar /opt/healthmon/payara-micro.jar $" + ClusterEnvironment.FLAGS_VARIABLE + " --port 8080"), unit);
        String execStart = unit.substring(unit.indexOf("\nExecStart="), unit.indexOf("--contextroot /"));
        assertTrue(!execStart.contains("--nohazelcast"), "--nohazelcast comes from the rendered flags, or no cluster could form: " + execStart);
        assertTrue(unit.contains("\nExecStartPost=/usr/bin/java -cp /opt/healthmon/healthmon-payara-config.jar "
                + AwaitDeployment.class.getName() + " http://127.0.0.1:8080/health/ready 180\n"), unit);
        assertTrue(unit.contains("\nTimeoutStartSec=240\n"), "longer than the readiness wait: " + unit);
        for (String hardening : List.of("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                "CapabilityBoundingSet=", "UMask=0077", "User=healthmon")) {
            assertTrue(unit.contains("\n" + hardening + "\n"), hardening);
        }
    }

    @Test
    void systemdAcceptsTheUnitAndRatesItsExposureOk() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");

        Result verify = run("systemd-analyze", "verify", UNIT.toAbsolutePath().toString());
        assertEquals(0, verify.status(), verify.output());
        assertEquals("", verify.output().strip(), "no warnings");

        Result security = run("systemd-analyze", "security", "--offline=yes", UNIT.toAbsolutePath().toString());
        String overall = security.output().lines().filter(l -> l.contains("Overall exposure level")).findFirst().orElse(security.output());
        double exposure = Double.parseDouble(overall.replaceAll(".*: ([0-9.]+) .*", "$1"));
        assertTrue(exposure <= 3.5, "exposure at most the agent unit's 3.3 plus a little: " + overall);
    }

    @Test
    void theReadinessWaitAcceptsTheApplicationsCheckUpOrDownAndNothingElse() {
        String down = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\",\"status\":\"DOWN\"}]}";
        assertTrue(AwaitDeployment.deployed(200, "{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\"}]}"));
        assertTrue(AwaitDeployment.deployed(503, down), "deployed, PostgreSQL away");
        assertFalse(AwaitDeployment.deployed(200, "{\"status\":\"UP\",\"checks\":[]}"), "a readiness without the application's check");
        assertFalse(AwaitDeployment.deployed(404, "<html>Payara Micro - Error report</html>"), "Payara Micro 6.2025.10 without the WAR");
    }

    @Test
    void theReadinessWaitGivesUpOnAServerWithoutTheApplicationAndReturnsOnceItIsThere() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        String[] body = {"{\"status\":\"UP\",\"checks\":[]}"};
        server.createContext("/health/ready", exchange -> {
            byte[] bytes = body[0].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/ready");
            assertFalse(AwaitDeployment.await(url, Duration.ofSeconds(2)));
            body[0] = "{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\"}]}";
            assertTrue(AwaitDeployment.await(url, Duration.ofSeconds(5)));
        } finally {
            server.stop(0);
        }
    }

    private record Result(int status, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Result(process.exitValue(), output);
    }
}
