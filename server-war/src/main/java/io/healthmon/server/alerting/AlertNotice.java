package io.healthmon.server.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.report.ReportJson;
import io.healthmon.server.domain.Alert;
import io.healthmon.server.domain.AlertKind;
import java.time.Instant;
import java.util.UUID;

/**
 * What a notification says about one alert change, with a stable event id so a receiver can drop
 * a repeat delivery. The same content goes to the log and, as JSON, to every webhook.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertNotice(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("event") String event,
        @JsonProperty("alert_id") long alertId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("kind") AlertKind kind,
        @JsonProperty("subject") String subject,
        @JsonProperty("value") double value,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("opened_at") Instant openedAt,
        @JsonProperty("resolved_at") Instant resolvedAt) {

    public static final String OPENED = "alert.opened";
    public static final String RESOLVED = "alert.resolved";

    private static final ObjectMapper JSON = ReportJson.newMapper();

    /** A notice of the stored alert's current state, under a new event id. */
    public static AlertNotice of(String serverId, Alert alert) {
        boolean isOpen = alert.open();
        return new AlertNotice(UUID.randomUUID(), isOpen ? OPENED : RESOLVED, alert.id(), serverId, alert.kind(),
                alert.subject(), isOpen ? alert.value() : alert.lastValue(), alert.threshold(), alert.openedAt(),
                alert.resolvedAt());
    }

    public boolean opened() {
        return OPENED.equals(event);
    }

    /** The notice as one line of JSON: the webhook body and the log line. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert notice could not be written as JSON", e);
        }
    }
}
