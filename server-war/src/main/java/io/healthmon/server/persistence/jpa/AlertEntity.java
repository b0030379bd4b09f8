package io.healthmon.server.persistence.jpa;

import io.healthmon.server.domain.Alert;
import io.healthmon.server.domain.AlertHistory;
import io.healthmon.server.domain.AlertKind;
import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** An alert: opened once, resolved once (the alerting engine writes these; the read API lists them). */
@Entity
@Table(name = "alerts")
@SqlResultSetMapping(name = AlertEntity.WITH_SERVER_REF, entities = @EntityResult(entityClass = AlertEntity.class),
        columns = @ColumnResult(name = "server_ref", type = Long.class))
public class AlertEntity {

    /** A native query's rows as the alert and its server's id, read from the row, not the lazy reference. */
    public static final String WITH_SERVER_REF = "AlertEntity.withServerRef";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "server_ref", nullable = false)
    private ServerEntity server;

    @Column(name = "kind", nullable = false, length = 32)
    private String kind;

    @Column(name = "subject", nullable = false, length = 1024)
    private String subject;

    @Column(name = "state", nullable = false, length = 16)
    private String state;

    @Column(name = "opened_at", nullable = false)
    private OffsetDateTime openedAt;

    @Column(name = "resolved_at")
    private OffsetDateTime resolvedAt;

    @Column(name = "value")
    private Double value;

    @Column(name = "threshold")
    private Double threshold;

    @Column(name = "last_value")
    private Double lastValue;

    @Column(name = "clear_streak", nullable = false)
    private int clearStreak;

    @Column(name = "notified", nullable = false)
    private boolean notified;

    protected AlertEntity() {
    }

    /** A new open alert; {@code notified} is false when its notice is held back (its server is Down). */
    public AlertEntity(ServerEntity server, String kind, String subject, double value, double threshold,
                       Instant openedAt, boolean notified) {
        this.server = server;
        this.kind = kind;
        this.subject = subject;
        this.state = "OPEN";
        this.value = value;
        this.threshold = threshold;
        this.lastValue = value;
        this.openedAt = UtcTimes.toUtc(openedAt);
        this.notified = notified;
    }

    /** The latest value seen while open, and how many reports in a row were clear. */
    public void observe(double latest, int clearStreak) {
        this.lastValue = latest;
        this.clearStreak = clearStreak;
    }

    public void resolve(double latest, Instant resolvedAt, boolean notified) {
        this.state = "RESOLVED";
        this.lastValue = latest;
        // Never before it opened: a writer takes its time before it locks the server's health row, and the
        // offline check may open the alert meanwhile, a moment after that time.
        this.resolvedAt = resolvedAt.isBefore(getOpenedAt()) ? openedAt : UtcTimes.toUtc(resolvedAt);
        this.notified = notified;
    }

    public void markNotified() {
        this.notified = true;
    }

    public boolean isOpen() {
        return "OPEN".equals(state);
    }

    public Long getId() {
        return id;
    }

    public ServerEntity getServer() {
        return server;
    }

    public Instant getOpenedAt() {
        return UtcTimes.toInstant(openedAt);
    }

    /**
     * The alert as the alert engine judges it. Its server's ref is given, not read from the lazy
     * reference, which could load the server.
     */
    public Alert toAlert(long serverRef) {
        return new Alert(id, serverRef, AlertKind.valueOf(kind), subject, isOpen(), value, threshold, lastValue, clearStreak,
                notified, UtcTimes.toInstant(openedAt), UtcTimes.toInstant(resolvedAt));
    }

    /** The alert as operators read it back, with its deliveries. */
    public AlertHistory describe(List<AlertHistory.Delivery> deliveries) {
        return new AlertHistory(id, server.getServerId(), kind, subject, state, value, threshold, lastValue,
                UtcTimes.toInstant(openedAt), UtcTimes.toInstant(resolvedAt), deliveries, List.of());
    }
}
