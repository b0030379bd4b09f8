package io.healthmon.server.alerting.webhook;

import io.healthmon.server.config.WebhookConfig;
import io.healthmon.server.telemetry.ServerMetrics;
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
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Posts one notice to one receiver and says how it went. Never throws for the receiver's faults, except
 * Fault Tolerance's {@link org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException} when the
 * call outlives its ceiling. Not transactional: it runs while no connection or lock is held.
 */
@ApplicationScoped
public class WebhookClient {

    public static final String EVENT_ID_HEADER = "X-Healthmon-Event-Id";

    @Inject
    WebhookConfig config;

    @Inject
    ServerMetrics metrics;

    private HttpClient http;

    @PostConstruct
    void open() {
        // HTTP/1.1: receivers are often small scripts, and an h2c upgrade would only slow them down.
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The HTTP client's own timeouts ({@code healthmon.webhook.timeout}) bound connecting and waiting for
     * the answer; they do not cover a receiver that answers and then trickles its body forever. The
     * Fault Tolerance timeout is the ceiling for the whole call, above the largest timeout one may
     * configure, so a lane's thread always comes back. It is per call, so one bound for every receiver
     * is right here; circuit breakers and bulkheads are per receiver, see {@link ReceiverBreaker}.
     */
    @Timeout(value = WebhookConfig.MAX_TIMEOUT_SECONDS + 30, unit = ChronoUnit.SECONDS)
    public Attempt post(String receiver, UUID eventId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "healthmon-server")
                .header(EVENT_ID_HEADER, eventId.toString())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        config.secret().ifPresent(secret -> request.header(WebhookSignature.HEADER, WebhookSignature.of(secret, body)));
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Attempt.DELIVERED;
            }
            return Attempt.refused("HTTP " + status, retryAfter(response));
        } catch (IOException e) {
            return Attempt.unanswered(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.unanswered("interrupted");
        } finally {
            metrics.webhookCalled(Duration.ofNanos(System.nanoTime() - started));
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

    /**
     * How one attempt went: delivered, or the error and what the receiver asked for. {@code answered}
     * says whether the receiver gave any HTTP status: one that answers, even with 500, is alive and costs
     * its lane little, while one that does not answer costs a timeout per call.
     */
    public record Attempt(boolean delivered, boolean answered, String error, Optional<Duration> retryAfter) {

        public static final Attempt DELIVERED = new Attempt(true, true, null, Optional.empty());

        public static Attempt refused(String error, Optional<Duration> retryAfter) {
            return new Attempt(false, true, error, retryAfter);
        }

        public static Attempt unanswered(String error) {
            return new Attempt(false, false, error, Optional.empty());
        }
    }
}
