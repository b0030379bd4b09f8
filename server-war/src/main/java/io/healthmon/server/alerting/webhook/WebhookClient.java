package io.healthmon.server.alerting.webhook;

import io.healthmon.server.config.WebhookConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Posts one notice to one receiver and says how it went. Never throws for the receiver's faults. */
@ApplicationScoped
public class WebhookClient {

    public static final String EVENT_ID_HEADER = "X-Healthmon-Event-Id";

    @Inject
    WebhookConfig config;

    private HttpClient http;

    @PostConstruct
    void open() {
        // HTTP/1.1: receivers are often small scripts, and an h2c upgrade would only slow them down.
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Attempt post(String receiver, UUID eventId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "healthmon-server")
                .header(EVENT_ID_HEADER, eventId.toString())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        config.secret().ifPresent(secret -> request.header(WebhookSignature.HEADER, WebhookSignature.of(secret, body)));
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Attempt(true, null, Optional.empty());
            }
            return new Attempt(false, "HTTP " + status, retryAfter(response));
        } catch (IOException e) {
            return new Attempt(false, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, "interrupted", Optional.empty());
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: the backoff schedule applies
            }
        });
    }

    /** How one attempt went: delivered, or the error and what the receiver asked for. */
    public record Attempt(boolean delivered, String error, Optional<Duration> retryAfter) {
    }
}
