package io.healthmon.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.report.ReportJson;
import io.healthmon.testsupport.ServerThreadDump;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A small HTTP client for black-box tests of the deployed server. */
final class ApiClient {

    static final String ENROLLMENT_TOKEN = "it-enrollment-token-0123456789";
    static final String ADMIN_TOKEN = "it-admin-token-0123456789";
    static final ObjectMapper JSON = ReportJson.newMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ApiClient(URL base) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    }

    URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    Answer post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    Answer postBytes(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    Answer get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A request with no body, as the operator. */
    Answer send(String method, String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A request with a JSON body, as the operator. */
    Answer sendJson(String method, String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer getAsOperator(String path) {
        return get(path, Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
    }

    /** Registers a server and returns its API key. */
    String register(String serverId) {
        Answer answer = post("api/v1/register", "{\"server_id\":\"" + serverId + "\"}",
                Map.of("Authorization", "Bearer " + ENROLLMENT_TOKEN));
        if (answer.status() != 201) {
            throw new AssertionError("register " + serverId + " answered " + answer);
        }
        return answer.json().get("api_key").asText();
    }

    Answer postMetrics(String apiKey, String body) {
        return post("api/v1/metrics", body, Map.of("Authorization", "Bearer " + apiKey));
    }

    /**
     * The server's alert of this kind in this state (open, resolved), waited for up to 30 s: alerts the
     * timers open and resolve (offline, disk forecast) appear within their period.
     */
    JsonNode awaitAlert(String serverId, String state, String kind) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode alert : getAsOperator("api/v1/alerts?state=" + state + "&server=" + serverId).json().get("alerts")) {
                if (kind.equals(alert.get("kind").asText())) {
                    return alert;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no " + state + " " + kind + " alert for " + serverId + " within 30 s");
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        } catch (HttpTimeoutException e) {
            ServerThreadDump.take(request.method() + " " + request.uri() + " unanswered: " + e.getMessage());
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, String body, Map<String, java.util.List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }
}
