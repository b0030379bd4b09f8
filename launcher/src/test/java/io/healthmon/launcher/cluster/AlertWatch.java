package io.healthmon.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alerts read back through the operator API ({@code GET /api/v1/alerts?server=}), waiting for what
 * should come and then a little longer, for what should not come twice.
 */
public final class AlertWatch {

    /** An alert opened on purpose: the event id of its opening notice to the receiver, how often that arrived, and the API's answer. */
    public record Notified(String serverId, Optional<String> eventId, long received, JsonAnswer alerts) {
    }

    private final HealthmonHttp http;
    private final URI base;
    private final String operatorToken;

    public AlertWatch(HealthmonHttp http, URI base, String operatorToken) {
        this.http = http;
        this.base = base;
        this.operatorToken = operatorToken;
    }

    /** The server's SERVER_OFFLINE alerts, once one has opened (or {@code within} has passed) and {@code settle} more. */
    public List<JsonNode> offlineAlerts(String serverId, Duration within, Duration settle) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (alerts(serverId, "SERVER_OFFLINE").isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
        }
        Thread.sleep(settle.toMillis());
        return alerts(serverId, "SERVER_OFFLINE");
    }

    /**
     * The server's HIGH_CPU alert as {@code receiver} got it: waits until the notice of its opening has
     * arrived (or {@code within} has passed), then {@code settle} more, and counts its copies by event id.
     */
    public Notified cpuAlertNotice(String serverId, WebhookReceiver receiver, Duration within, Duration settle)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Optional<String> eventId;
        while (true) {
            eventId = openingEventId(alertsOf(serverId).json(), receiver.url());
            if (eventId.isPresent() && receiver.count(eventId.get()) > 0 || Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(1000);
        }
        Thread.sleep(settle.toMillis());
        return new Notified(serverId, eventId, eventId.map(receiver::count).orElse(0L), alertsOf(serverId));
    }

    private JsonAnswer alertsOf(String serverId) throws InterruptedException {
        return http.get(base, "api/v1/alerts?state=all&server=" + serverId, operatorToken);
    }

    private List<JsonNode> alerts(String serverId, String kind) throws InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode alert : alertsOf(serverId).json().path("alerts")) {
            if (alert.path("kind").asText().equals(kind)) {
                found.add(alert);
            }
        }
        return found;
    }

    /** The event id of the HIGH_CPU alert's opening notice to this receiver, from the alert's deliveries. */
    private static Optional<String> openingEventId(JsonNode alerts, String receiverUrl) {
        for (JsonNode alert : alerts.path("alerts")) {
            if (!alert.path("kind").asText().equals("HIGH_CPU")) {
                continue;
            }
            for (JsonNode delivery : alert.path("deliveries")) {
                if (delivery.path("event").asText().equals("opened") && delivery.path("receiver").asText().equals(receiverUrl)) {
                    return Optional.of(delivery.path("event_id").asText());
                }
            }
        }
        return Optional.empty();
    }
}
