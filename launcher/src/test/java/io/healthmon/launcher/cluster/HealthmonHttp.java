package io.healthmon.launcher.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The calls the cluster test makes, over one HTTP/1.1 client shared by all its threads (it keeps a
 * connection per request in flight, so 64 posting threads hold 64 connections). An answer that does
 * not come is a status too ({@link Answer#NO_ANSWER}), never an exception: under a kill, that is data.
 */
public final class HealthmonHttp {

    /** Longer than the server ever takes to answer a report (it answers 503 after 5 s when it cannot commit). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Registers a new server with the enrollment token and returns its API key. */
    public String register(URI base, String enrollmentToken, String serverId) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("api/v1/register"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + enrollmentToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"server_id\":\"" + serverId + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IOException("registering " + serverId + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body()).get("api_key").asText();
    }

    /** Posts one report of {@code server} with this timestamp and CPU; the answer, or its absence, recorded. */
    public Answer post(URI base, RegisteredServer server, Instant timestamp, double cpu) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/metrics"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + server.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(report(server.serverId(), timestamp, cpu))).build();
        Instant sentAt = Instant.now();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = Answer.NO_ANSWER;
        }
        return new Answer(server.serverId(), timestamp, sentAt, Instant.now(), status);
    }

    /** A GET with the operator's token. */
    public JsonAnswer get(URI base, String path, String operatorToken) throws InterruptedException {
        return send(base, "GET", path, operatorToken, null);
    }

    /** A request with this bearer token ({@code null}: none) and JSON body ({@code null}: none). */
    public JsonAnswer send(URI base, String method, String path, String token, String json) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new JsonAnswer(answer.statusCode(), answer.body());
        } catch (IOException e) {
            return new JsonAnswer(Answer.NO_ANSWER, e.toString());
        }
    }

    /** The seed's report: nothing but the CPU breaks a threshold (disk 10 %, no failed service). */
    public static String report(String serverId, Instant timestamp, double cpu) {
        return String.format(Locale.ROOT, """
                {"server_id":"%s","timestamp":"%s","cpu_usage":%.1f,
                 "memory":{"total":1000,"used":500,"percentage":50.0},
                 "disk_usage":[{"mountpoint":"/","total":1000,"used":100,"percentage":10.0}],
                 "load_average":{"1min":1.0,"5min":1.0,"15min":1.0},"uptime":100,"failed_services":[]}
                """, serverId, timestamp, cpu);
    }
}
