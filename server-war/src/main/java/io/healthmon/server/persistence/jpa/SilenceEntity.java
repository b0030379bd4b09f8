package io.healthmon.server.persistence.jpa;

import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.ServerPattern;
import io.healthmon.server.domain.Silence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A silence as stored; read back as the domain's {@link Silence}. */
@Entity
@Table(name = "silences")
public class SilenceEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "server_id", length = 128)
    private String serverId;

    @Column(name = "server_pattern", length = 128)
    private String serverPattern;

    /** Comma-separated kinds; empty for every kind. */
    @Column(name = "kinds", nullable = false, length = 256)
    private String kinds;

    @Column(name = "subject", length = 1024)
    private String subject;

    @Column(name = "starts_at", nullable = false)
    private OffsetDateTime startsAt;

    @Column(name = "ends_at", nullable = false)
    private OffsetDateTime endsAt;

    @Column(name = "comment", nullable = false, length = 1024)
    private String comment;

    @Column(name = "created_by", nullable = false, length = 128)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected SilenceEntity() {
    }

    /** A new silence, from the domain's (whose id is not yet known). */
    public SilenceEntity(Silence s) {
        this.serverId = s.server();
        this.serverPattern = s.serverPattern() == null ? null : s.serverPattern().glob();
        this.kinds = s.kinds().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.subject = s.subject();
        this.startsAt = UtcTimes.toUtc(s.startsAt());
        this.endsAt = UtcTimes.toUtc(s.endsAt());
        this.comment = s.comment();
        this.createdBy = s.createdBy();
        this.createdAt = UtcTimes.toUtc(s.createdAt());
    }

    /** Ends it at {@code now} unless it has already ended; a pending one ends before it began. */
    public void endAt(Instant now) {
        OffsetDateTime utc = UtcTimes.toUtc(now);
        if (endsAt.isAfter(utc)) {
            endsAt = utc;
            if (startsAt.isAfter(utc)) {
                startsAt = utc;
            }
        }
    }

    public Silence toSilence() {
        Set<AlertKind> kindSet = kinds.isEmpty() ? Set.of()
                : Arrays.stream(kinds.split(",")).map(AlertKind::valueOf).collect(Collectors.toSet());
        return new Silence(id, serverId, serverPattern == null ? null : new ServerPattern(serverPattern), kindSet, subject,
                UtcTimes.toInstant(startsAt), UtcTimes.toInstant(endsAt), comment, createdBy, UtcTimes.toInstant(createdAt));
    }
}
