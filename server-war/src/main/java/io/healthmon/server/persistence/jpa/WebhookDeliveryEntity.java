package io.healthmon.server.persistence.jpa;

import io.healthmon.server.domain.AlertHistory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * One notice to one webhook receiver: a row of the outbox, PENDING until DELIVERED or FAILED. Attempts
 * are recorded by {@link WebhookDeliveryRepository} under a lease, not through this entity.
 */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDeliveryEntity {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false)
    private UUID eventId;

    @Column(name = "alert_ref", nullable = false)
    private long alertRef;

    @Column(name = "event_type", nullable = false, length = 16)
    private String eventType;

    @Column(name = "receiver", nullable = false, length = 2048)
    private String receiver;

    @Column(name = "payload", nullable = false)
    private String payload;

    @Column(name = "state", nullable = false, length = 16)
    private String state;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private OffsetDateTime nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "delivered_at")
    private OffsetDateTime deliveredAt;

    protected WebhookDeliveryEntity() {
    }

    public WebhookDeliveryEntity(UUID eventId, long alertRef, String eventType, String receiver, String payload,
                                 Instant now) {
        this.eventId = eventId;
        this.alertRef = alertRef;
        this.eventType = eventType;
        this.receiver = receiver;
        this.payload = payload;
        this.state = PENDING;
        OffsetDateTime utc = UtcTimes.toUtc(now);
        this.nextAttemptAt = utc;
        this.createdAt = utc;
    }

    public Long getId() {
        return id;
    }

    public UUID getEventId() {
        return eventId;
    }

    public long getAlertRef() {
        return alertRef;
    }

    public String getEventType() {
        return eventType;
    }

    public String getReceiver() {
        return receiver;
    }

    public String getPayload() {
        return payload;
    }

    public String getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return UtcTimes.toInstant(nextAttemptAt);
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return UtcTimes.toInstant(createdAt);
    }

    public Instant getDeliveredAt() {
        return UtcTimes.toInstant(deliveredAt);
    }

    /** The delivery as operators see it; when it is tried next only while it is pending. */
    public AlertHistory.Delivery describe() {
        return new AlertHistory.Delivery(eventId, eventType.toLowerCase(Locale.ROOT), receiver, state, attempts, lastError,
                PENDING.equals(state) ? UtcTimes.toInstant(nextAttemptAt) : null, UtcTimes.toInstant(deliveredAt));
    }
}
