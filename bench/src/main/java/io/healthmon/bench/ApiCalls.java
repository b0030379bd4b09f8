package io.healthmon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few API calls the benchmark makes besides the measured posts. */
final class ApiCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;

    ApiCalls(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** Waits until the server's readiness probe answers 200, or fails after the timeout. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("health/ready")).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IOException("the server at " + base + " was not ready within " + timeout.toSeconds() + " s");
    }

    String register(String serverId, String enrollmentToken) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("api/v1/register"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + enrollmentToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"server_id\":\"" + serverId + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("register " + serverId + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("api_key").asText();
    }

    /** How many reports the server holds for this agent between the instants. */
    int storedReports(String serverId, String adminToken, java.time.Instant from, java.time.Instant to)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        base.resolve("api/v1/servers/" + serverId + "/metrics?from=" + from + "&to=" + to))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("history of " + serverId + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        int count = 0;
        for (JsonNode point : body.get("points")) {
            count += point.path("samples").asInt(1);
        }
        return count;
    }
}
