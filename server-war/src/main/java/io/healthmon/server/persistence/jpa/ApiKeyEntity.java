package io.healthmon.server.persistence.jpa;

import io.healthmon.server.application.port.StoredKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A server's API key, by hash only: the key itself is never stored. */
@Entity
@Table(name = "api_keys")
@NamedQuery(name = ApiKeyEntity.ACTIVE_BY_HASH, query =
        "select k from ApiKeyEntity k join fetch k.server where k.keyHash = :hash and k.revokedAt is null")
@NamedQuery(name = ApiKeyEntity.BY_SERVER, query =
        "select k from ApiKeyEntity k join fetch k.server where k.server.serverId = :serverId order by k.createdAt")
public class ApiKeyEntity {

    public static final String ACTIVE_BY_HASH = "ApiKey.activeByHash";
    public static final String BY_SERVER = "ApiKey.byServer";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "server_ref", nullable = false)
    private ServerEntity server;

    @Column(name = "key_hash", nullable = false, length = 64)
    private String keyHash;

    @Column(name = "key_prefix", nullable = false, length = 16)
    private String keyPrefix;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    protected ApiKeyEntity() {
    }

    public ApiKeyEntity(ServerEntity server, String keyHash, String keyPrefix, Instant createdAt) {
        this.server = server;
        this.keyHash = keyHash;
        this.keyPrefix = keyPrefix;
        this.createdAt = UtcTimes.toUtc(createdAt);
    }

    public Long getId() {
        return id;
    }

    public ServerEntity getServer() {
        return server;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public Instant getCreatedAt() {
        return UtcTimes.toInstant(createdAt);
    }

    /** When the key was revoked, or null while it is active. */
    public Instant getRevokedAt() {
        return UtcTimes.toInstant(revokedAt);
    }

    public void setRevokedAt(Instant revokedAt) {
        this.revokedAt = UtcTimes.toUtc(revokedAt);
    }

    public Instant getLastUsedAt() {
        return UtcTimes.toInstant(lastUsedAt);
    }

    /** The key as the application's port gives it. */
    StoredKey stored() {
        return new StoredKey(id, server.getId(), server.getServerId(), keyHash, keyPrefix, UtcTimes.toInstant(createdAt),
                UtcTimes.toInstant(revokedAt));
    }
}
