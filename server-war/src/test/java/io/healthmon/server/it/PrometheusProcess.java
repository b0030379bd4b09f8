package io.healthmon.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Prometheus, run as a plain process on loopback with a generated configuration that scrapes
 * the deployed server every second: its own counters and gauges ({@code /metrics}, application scope),
 * its histograms and the fleet (both with the operator token, as Prometheus's {@code authorization} sends it).
 */
final class PrometheusProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    /** Below the machine's range for outgoing connections' ports (NOTES.md). */
    private static final int PORT = 19090;

    private final Path dir;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusProcess(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    static PrometheusProcess scraping(URL server, String operatorToken, Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("this test needs Debian's prometheus package (apt-get install prometheus;"
                    + " .ci/run installs it)");
        }
        deleteRecursively(dir); // a previous run's series would answer the queries
        Files.createDirectories(dir);
        String target = server.getHost() + ":" + server.getPort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: healthmon-server
                    metrics_path: /metrics
                    params:
                      scope: [application]
                    static_configs:
                      - targets: ["%1$s"]
                  - job_name: healthmon-instance
                    metrics_path: /api/v1/prometheus/instance
                    authorization:
                      credentials: "%2$s"
                    static_configs:
                      - targets: ["%1$s"]
                  - job_name: healthmon-fleet
                    metrics_path: /api/v1/prometheus
                    authorization:
                      credentials: "%2$s"
                    static_configs:
                      - targets: ["%1$s"]
                """.formatted(target, operatorToken));
        Process process = new ProcessBuilder(List.of(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + PORT))
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusProcess prometheus = new PrometheusProcess(dir, process);
        prometheus.awaitReady(Duration.ofSeconds(60));
        return prometheus;
    }

    /** The instant query's result vector. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + PORT + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = ApiClient.JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("Prometheus refused " + promql + ": " + answer.body());
        }
        return body.path("data").path("result");
    }

    /** The value of a query that yields one series, once it does, within the time given. */
    double awaitValue(String promql, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Optional<Double> value = single(query(promql));
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Prometheus had no value for " + promql + " within " + within + "\n" + log());
            }
            Thread.sleep(500);
        }
    }

    /** Waits until a query yields this value (to within 1e-9), and says what it yielded last if it never does. */
    void awaitValue(String promql, double expected, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Optional<Double> last = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            last = single(query(promql));
            if (last.isPresent() && Math.abs(last.get() - expected) < 1e-9) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(promql + ": expected " + expected + ", Prometheus had " + last.map(String::valueOf)
                .orElse("nothing") + " after " + within + "\n" + log());
    }

    String log() throws IOException {
        Path log = dir.resolve("prometheus.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    private static Optional<Double> single(JsonNode result) {
        if (result.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
    }

    private void awaitReady(Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        URI ready = URI.create("http://127.0.0.1:" + PORT + "/-/ready");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Prometheus was not ready within " + within + ":\n" + log());
            }
            Thread.sleep(250);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
