package io.healthmon.server.persistence.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A one-time re-enrolment token of a registered server, by hash only. */
@Entity
@Table(name = "enrolment_tokens")
public class EnrolmentTokenEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "server_ref", nullable = false)
    private ServerEntity server;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "revoke_existing_keys", nullable = false)
    private boolean revokeExistingKeys;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    protected EnrolmentTokenEntity() {
    }

    public EnrolmentTokenEntity(ServerEntity server, String tokenHash, boolean revokeExistingKeys,
                                Instant createdAt, Instant expiresAt) {
        this.server = server;
        this.tokenHash = tokenHash;
        this.revokeExistingKeys = revokeExistingKeys;
        this.createdAt = UtcTimes.toUtc(createdAt);
        this.expiresAt = UtcTimes.toUtc(expiresAt);
    }

    public Long getId() {
        return id;
    }

    public ServerEntity getServer() {
        return server;
    }

    public boolean revokesExistingKeys() {
        return revokeExistingKeys;
    }

    public Instant getExpiresAt() {
        return UtcTimes.toInstant(expiresAt);
    }
}
