package io.healthmon.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.payara.DatabaseCoordinates;
import io.healthmon.payara.PostBootCommands;
import io.healthmon.testsupport.TcpProxy;
import io.healthmon.testsupport.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * healthmon.ear on a real Payara Server 6, set up the way the README tells operators to: a domain,
 * the PostgreSQL driver in its lib directory, the pool and {@code jdbc/healthmon} from the asadmin
 * file payara-config renders, the tokens as MicroProfile Config properties in the domain config
 * source, then {@code asadmin deploy}, while the database is away (the domain reaches it through a
 * proxy that refuses connections until the deployment is done): the deployment succeeds, readiness is
 * DOWN, and once the database answers the server is ready without a redeploy. Then the probes, a
 * register-and-ingest round trip, and a CPU threshold changed with {@code asadmin set-config-property}
 * (no rebuild, no redeploy) changing which reports open alerts. Nothing in all that, the stop included,
 * logs a SEVERE line.
 */
class PayaraServerIT {

    private static final String ENROLLMENT = "ps-it-enrollment-token-0123";
    private static final String ADMIN = "ps-it-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PAYARA = Path.of(System.getProperty("healthmon.payara.home"));
    private static final Path DOMAINS = PAYARA.getParent().resolve("it-domains");
    private static final String DOMAIN = "healthmon-it";

    private static int portBase;
    private static URI base;
    private static TcpProxy database;
    private static HttpResponse<String> readinessWhileAway;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void installDomainAndDeploy() throws Exception {
        portBase = freePortBase();
        base = URI.create("http://127.0.0.1:" + (portBase + 80) + "/");
        deleteRecursively(DOMAINS);
        asadminOffline("create-domain", "--nopassword", "--portbase", Integer.toString(portBase), "--domaindir",
                DOMAINS.toString(), DOMAIN);
        // The driver belongs to the domain, not the application: copied before the domain starts.
        Files.copy(Path.of(System.getProperty("healthmon.jdbc.driver")), DOMAINS.resolve(DOMAIN + "/lib/postgresql.jar"));
        asadminOffline("start-domain", "--domaindir", DOMAINS.toString(), DOMAIN);

        DatabaseCoordinates db = TestDatabase.get().coordinates();
        database = new TcpProxy(db.host(), db.port());
        database.cut(); // as after a reboot that started Payara before PostgreSQL
        Path poolCommands = PostBootCommands.write(DOMAINS.resolve("healthmon-pool.asadmin"),
                new DatabaseCoordinates("127.0.0.1", database.port(), db.database(), db.user(), db.password()),
                PostBootCommands.PoolSizing.DEFAULT);
        asadmin("multimode", "--file", poolCommands.toString());
        asadmin("set-config-property", "--source=domain", "--propertyName=healthmon.enrollment-token", "--propertyValue=" + ENROLLMENT);
        asadmin("set-config-property", "--source=domain", "--propertyName=healthmon.admin-token", "--propertyValue=" + ADMIN);
        // MicroProfile Config values are cached for 60 s by default; the test wants changes at once.
        asadmin("set-config-cache", "--duration=0");
        asadmin("deploy", System.getProperty("healthmon.ear"));
        readinessWhileAway = get("health/ready", null);

        database.restore();
        asadmin("ping-connection-pool", PostBootCommands.POOL_NAME);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1)); // the schema is tried again every 10 s
        while (get("health/ready", null).statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
    }

    /** Also checks the domain's log over the whole run, the stop included: an operator reads SEVERE as "act now". */
    @AfterAll
    static void stopDomain() throws Exception {
        if (base != null) {
            asadminOffline("stop-domain", "--domaindir", DOMAINS.toString(), DOMAIN);
        }
        if (database != null) {
            database.close();
        }
        if (base != null) {
            List<String> severe = Files.readAllLines(DOMAINS.resolve(DOMAIN + "/logs/server.log"), StandardCharsets.UTF_8)
                    .stream().filter(line -> line.contains("[SEVERE]")).toList();
            assertEquals(List.of(), severe, "SEVERE lines in " + DOMAINS.resolve(DOMAIN + "/logs/server.log"));
        }
    }

    @Test
    void theEarDeployedWhileTheDatabaseWasAwayAndBecameReadyOnceItAnswered() throws Exception {
        assertEquals(503, readinessWhileAway.statusCode(), readinessWhileAway.body());
        assertTrue(readinessWhileAway.body().contains("\"database\""),
                "the application's own check answered, so it was deployed: " + readinessWhileAway.body());
        HttpResponse<String> ready = get("health/ready", null);
        assertEquals(200, ready.statusCode(), "ready within a minute of the database's return: " + ready.body());
    }

    @Test
    void theEarIsReadyStoresAReportAndAThresholdSetWithAsadminDecidesWhichReportsAlert() throws Exception {
        HttpResponse<String> ready = get("health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", JSON.readTree(ready.body()).get("status").asText(), ready.body());
        assertEquals(200, get("health/live", null).statusCode());
        assertEquals(200, get("", null).statusCode(), "the dashboard is served at the root");

        String serverId = "payara-server-" + ThreadLocalRandom.current().nextInt(1_000_000);
        HttpResponse<String> registered = post("api/v1/register", ENROLLMENT, "{\"server_id\":\"" + serverId + "\"}");
        assertEquals(201, registered.statusCode(), registered.body());
        String key = JSON.readTree(registered.body()).get("api_key").asText();

        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        HttpResponse<String> stored = post("api/v1/metrics", key, report(serverId, t, 60));
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals(1, JSON.readTree(stored.body()).get("accepted").asInt(), stored.body());
        JsonNode server = JSON.readTree(get("api/v1/servers/" + serverId, ADMIN).body());
        assertEquals(60.0, server.at("/latest/cpu_usage").asDouble(), server.toString());
        assertEquals(0, alerts(serverId).size(), "60 % is under the default 90 %");

        asadmin("set-config-property", "--source=domain", "--propertyName=healthmon.alert.cpu-threshold", "--propertyValue=50");
        assertEquals(200, post("api/v1/metrics", key, report(serverId, t.plusSeconds(60), 60)).statusCode());
        JsonNode alerts = alerts(serverId);
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals("HIGH_CPU", alerts.get(0).get("kind").asText());
        assertEquals(50.0, alerts.get(0).get("threshold").asDouble(), "the threshold set with asadmin");
    }

    @Test
    void theConnectionPoolTracesNoJdbcCallAndChecksEachConnectionAtMostEveryTwoSeconds() throws Exception {
        // Payara's default trace listener does nothing yet has every JDBC call go through a reflective
        // proxy; the rendered commands must leave the pool without one (an absent attribute means the default).
        Element pool = (Element) XPathFactory.newInstance().newXPath().evaluate(
                "/domain/resources/jdbc-connection-pool[@name='" + PostBootCommands.POOL_NAME + "']",
                DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(DOMAINS.resolve(DOMAIN + "/config/domain.xml").toFile()), XPathConstants.NODE);
        assertNotNull(pool, "the pool is in domain.xml");
        assertTrue(pool.hasAttribute("sql-trace-listeners"), "the default listener is replaced");
        assertEquals("", pool.getAttribute("sql-trace-listeners"));
        assertEquals("2", pool.getAttribute("validate-atmost-once-period-in-seconds"),
                "a connection is not checked again each time an ingest group takes it");
    }

    private static JsonNode alerts(String serverId) throws Exception {
        HttpResponse<String> answer = get("api/v1/alerts?server=" + serverId, ADMIN);
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).get("alerts");
    }

    private static String report(String serverId, Instant at, double cpu) {
        return """
                {"server_id":"%s","timestamp":"%s","cpu_usage":%s,
                 "memory":{"total":1000,"used":500,"percentage":50.0},
                 "disk_usage":[{"mountpoint":"/","total":1000,"used":100,"percentage":10.0}],
                 "load_average":{"1min":1.0,"5min":1.0,"15min":1.0},"uptime":100,"failed_services":[]}
                """.formatted(serverId, at, cpu);
    }

    private static HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String bearer, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** asadmin against the running domain's admin port. */
    private static void asadmin(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--port", Integer.toString(portBase + 48)));
        command.addAll(List.of(args));
        asadminOffline(command.toArray(String[]::new));
    }

    private static void asadminOffline(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PAYARA.resolve("bin/asadmin").toString(), "--interactive=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(DOMAINS.getParent().resolve("asadmin.log").toFile()))
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("asadmin " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        if (process.exitValue() != 0) {
            fail("asadmin " + args[0] + (args.length > 2 ? " " + args[2] : "") + " failed (" + process.exitValue() + "); see "
                    + DOMAINS.getParent().resolve("asadmin.log") + ":\n" + tail(DOMAINS.getParent().resolve("asadmin.log")));
        }
    }

    /** A port base whose hundred ports (admin +48, HTTP +80, HTTPS +81, and the rest) are all free. */
    private static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = 20_000 + 100 * ThreadLocalRandom.current().nextInt(400);
            if (allFree(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no free block of 100 ports between 20000 and 60000");
    }

    private static boolean allFree(int from) {
        for (int port = from; port < from + 100; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
