package io.healthmon.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthmon.testsupport.PayaraDatabaseExtension;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * healthmon where operators already look: a real Prometheus (Debian's) scrapes the deployed server's own
 * metrics and the fleet; Prometheus's own linter, {@code promtool check metrics}, passes the expositions;
 * and the Grafana dashboard in docs/grafana asks only for metric names the expositions have.
 */
@ExtendWith({PayaraDatabaseExtension.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path DASHBOARDS = Path.of("..", "docs", "grafana");
    private static final Pattern METRIC_NAME = Pattern.compile("\\bhealthmon_[a-z0-9_]+\\b");
    private static final Pattern FAMILY = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);

    private static PrometheusProcess prometheus;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("healthmon.war")));
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    @Order(1)
    void prometheusScrapesTheServerItselfAndTheFleetWithTheCpuTheAgentReported() throws Exception {
        ApiClient api = new ApiClient(base);
        AgentProcess agent = AgentProcess.register(base, "prometheus-agent", Files.createTempDirectory("healthmon-prom-agent"));
        agent.start();
        try {
            awaitReported(api, "prometheus-agent", 3, Duration.ofSeconds(60), agent);
        } finally {
            agent.stop(); // its newest report is then the one Prometheus must show
        }
        JsonNode latest = api.getAsOperator("api/v1/servers/prometheus-agent").json().path("latest");
        double reportedCpu = latest.path("cpu_usage").asDouble(Double.NaN);
        assertFalse(Double.isNaN(reportedCpu), "the agent's newest report has a CPU value: " + latest);

        prometheus = PrometheusProcess.scraping(base, ApiClient.ADMIN_TOKEN, Path.of("target", "prometheus"));
        for (String job : List.of("healthmon-server", "healthmon-instance", "healthmon-fleet")) {
            assertEquals(1, prometheus.awaitValue("up{job=\"" + job + "\"}", Duration.ofSeconds(30)), 0,
                    "Prometheus scrapes the job " + job);
        }
        prometheus.awaitValue("healthmon_server_cpu_usage_ratio{server_id=\"prometheus-agent\"}",
                BigDecimal.valueOf(reportedCpu).movePointLeft(2).doubleValue(), Duration.ofSeconds(30));
        // The agent is stopped: the server goes Down after the tests' 5 s offline timeout, with an offline alert.
        prometheus.awaitValue("healthmon_server_status{server_id=\"prometheus-agent\",status=\"down\"}", 1, Duration.ofSeconds(60));
        prometheus.awaitValue("sum(healthmon_server_status{server_id=\"prometheus-agent\"})", 1, Duration.ofSeconds(10));
        prometheus.awaitValue("healthmon_server_open_alerts{server_id=\"prometheus-agent\",kind=\"SERVER_OFFLINE\"}", 1,
                Duration.ofSeconds(30));
        assertEquals("DOWN", api.getAsOperator("api/v1/servers/prometheus-agent").json().path("status").asText(),
                "the API agrees with Prometheus");
        assertTrue(prometheus.awaitValue("healthmon_reports_stored_total", Duration.ofSeconds(30)) >= 3,
                "the server's own counter of stored reports counts the agent's reports");
        assertTrue(prometheus.awaitValue("healthmon_push_answer_seconds_count", Duration.ofSeconds(30)) >= 3,
                "the push answer time histogram counts the agent's pushes");
        assertEquals(prometheus.awaitValue("healthmon_push_answer_seconds_count", Duration.ofSeconds(30)),
                prometheus.awaitValue("healthmon_push_answer_seconds_bucket{le=\"+Inf\"}", Duration.ofSeconds(30)), 0,
                "the histogram's +Inf bucket holds every observation");
    }

    @Test
    @Order(2)
    void promtoolPassesEveryExposition() throws Exception {
        ApiClient api = new ApiClient(base);
        Map<String, ApiClient.Answer> expositions = Map.of(
                "/metrics?scope=application", api.get("metrics?scope=application", Map.of("Accept", "text/plain")),
                "/api/v1/prometheus/instance", api.getAsOperator("api/v1/prometheus/instance"),
                "/api/v1/prometheus", api.getAsOperator("api/v1/prometheus"));
        for (Map.Entry<String, ApiClient.Answer> exposition : expositions.entrySet()) {
            ApiClient.Answer answer = exposition.getValue();
            assertEquals(200, answer.status(), exposition.getKey() + " answers: " + answer.body());
            assertTrue(answer.body().contains("# TYPE healthmon_"), exposition.getKey() + " has healthmon's metrics");
            promtool(exposition.getKey(), answer.body());
        }
        assertTrue(expositions.get("/api/v1/prometheus").body().contains("server_id=\"prometheus-agent\""),
                "the fleet exposition has the agent's server");
    }

    @Test
    @Order(3)
    void theGrafanaDashboardAsksOnlyForExposedMetrics() throws Exception {
        ApiClient api = new ApiClient(base);
        Set<String> exposed = new TreeSet<>();
        exposed.addAll(names(api.get("metrics?scope=application", Map.of("Accept", "text/plain")).body()));
        exposed.addAll(names(api.getAsOperator("api/v1/prometheus/instance").body()));
        exposed.addAll(names(api.getAsOperator("api/v1/prometheus").body()));
        List<Path> dashboards;
        try (var files = Files.list(DASHBOARDS)) {
            dashboards = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertFalse(dashboards.isEmpty(), "a dashboard in " + DASHBOARDS.toAbsolutePath());
        for (Path dashboard : dashboards) {
            Set<String> used = new TreeSet<>();
            collectQueries(ApiClient.JSON.readTree(dashboard.toFile()), used);
            assertTrue(used.size() >= 20, dashboard + " asks for healthmon's metrics: " + used);
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(exposed);
            assertTrue(missing.isEmpty(), dashboard + " asks for metrics no exposition has: " + missing
                    + "\nexposed: " + exposed);
        }
    }

    @Test
    @Order(4)
    void theFleetAndTheHistogramsNeedTheOperatorToken() {
        ApiClient api = new ApiClient(base);
        for (String path : List.of("api/v1/prometheus", "api/v1/prometheus/instance")) {
            assertEquals(401, api.get(path, Map.of()).status(), path + " without a token");
            assertEquals(401, api.get(path, Map.of("Authorization", "Bearer wrong-token-0123456789")).status(),
                    path + " with a wrong token");
        }
    }

    /** The metric names an exposition has: each family, and a histogram's bucket, sum and count series. */
    private static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        Matcher family = FAMILY.matcher(exposition);
        while (family.find()) {
            names.add(family.group(1));
            if (family.group(2).equals("histogram") || family.group(2).equals("summary")) {
                names.add(family.group(1) + "_sum");
                names.add(family.group(1) + "_count");
            }
            if (family.group(2).equals("histogram")) {
                names.add(family.group(1) + "_bucket");
            }
        }
        return names;
    }

    /** Every healthmon metric name in the dashboard's queries: panels' targets and variables' queries. */
    private static void collectQueries(JsonNode node, Set<String> used) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("expr") || field.getKey().equals("query") || field.getKey().equals("definition"))
                        && field.getValue().isTextual()) {
                    Matcher name = METRIC_NAME.matcher(field.getValue().asText());
                    while (name.find()) {
                        used.add(name.group());
                    }
                } else {
                    collectQueries(field.getValue(), used);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectQueries(child, used));
        }
    }

    private static void promtool(String what, String exposition) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(PROMTOOL), "this test needs Debian's prometheus package for promtool"
                + " (apt-get install prometheus; .ci/run installs it)");
        Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool ends");
        assertEquals(0, check.exitValue(), "promtool check metrics on " + what + ":\n" + said);
    }

    private static void awaitReported(ApiClient api, String serverId, int reports, Duration within, AgentProcess agent)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Set<String> seen = new TreeSet<>();
        while (seen.size() < reports) {
            ApiClient.Answer answer = api.getAsOperator("api/v1/servers/" + serverId);
            if (answer.status() == 200 && answer.json().path("latest").hasNonNull("timestamp")) {
                seen.add(answer.json().path("latest").path("timestamp").asText());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(serverId + " reported " + seen.size() + " times within " + within
                        + "\nagent log:\n" + agent.log());
            }
            Thread.sleep(300);
        }
    }
}
