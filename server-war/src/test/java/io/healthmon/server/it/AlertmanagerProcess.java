package io.healthmon.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) run as a plain process on a fixed
 * loopback port, alone (no gossip), with its storage and log under {@code target/alertmanager} and one
 * receiver that notifies nobody: the test reads what it holds through its v2 API.
 */
final class AlertmanagerProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private Process process;
    private Path log;

    AlertmanagerProcess(int port) {
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts it and waits until it says it is ready. */
    synchronized AlertmanagerProcess start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "alertmanager", UUID.randomUUID().toString()));
            Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                    route:
                      receiver: nobody
                    receivers:
                      - name: nobody
                    """);
            log = dir.resolve("alertmanager.log");
            process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Instant deadline = Instant.now().plusSeconds(30);
            while (!ready()) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Alertmanager did not start on port " + port + ":\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean ready() throws InterruptedException {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The alerts it lists by default (active, silenced and inhibited alike; resolved ones are not listed), matching the label matchers. */
    List<JsonNode> alerts(String... matchers) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        for (String m : matchers) {
            query.append(query.length() == 0 ? "?" : "&").append("filter=").append(URLEncoder.encode(m, StandardCharsets.UTF_8));
        }
        HttpResponse<String> answer = get("/api/v2/alerts" + query);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Alertmanager answered " + answer.statusCode() + ": " + answer.body());
        }
        JsonNode alerts = ApiClient.JSON.readTree(answer.body());
        return java.util.stream.StreamSupport.stream(alerts.spliterator(), false).toList();
    }

    /** How many alerts it refused as invalid, from its own metric {@code alertmanager_alerts_invalid_total}. */
    double invalidAlerts() throws IOException, InterruptedException {
        return get("/metrics").body().lines().filter(l -> l.startsWith("alertmanager_alerts_invalid_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}
