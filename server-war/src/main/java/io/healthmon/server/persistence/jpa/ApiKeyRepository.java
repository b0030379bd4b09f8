package io.healthmon.server.persistence.jpa;

import io.healthmon.server.application.port.AgentKeyStore;
import io.healthmon.server.application.port.StoredKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys by hash. Callers provide the transaction. */
@ApplicationScoped
public class ApiKeyRepository implements AgentKeyStore {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    @Override
    public Optional<StoredKey> findActive(String hash) {
        return em.createNamedQuery(ApiKeyEntity.ACTIVE_BY_HASH, ApiKeyEntity.class)
                .setParameter("hash", hash)
                .getResultStream().findFirst().map(ApiKeyEntity::stored);
    }

    @Override
    public Optional<StoredKey> findAny(String hash) {
        return em.createQuery("select k from ApiKeyEntity k join fetch k.server where k.keyHash = :hash", ApiKeyEntity.class)
                .setParameter("hash", hash).getResultStream().findFirst().map(ApiKeyEntity::stored);
    }

    @Override
    public Optional<StoredKey> find(long keyId) {
        return Optional.ofNullable(em.find(ApiKeyEntity.class, keyId)).map(ApiKeyEntity::stored);
    }

    @Override
    public List<StoredKey> of(String serverId) {
        return em.createNamedQuery(ApiKeyEntity.BY_SERVER, ApiKeyEntity.class)
                .setParameter("serverId", serverId).getResultStream().map(ApiKeyEntity::stored).toList();
    }

    /** In a transaction of its own when the caller has none: the revoked-keys sweep. */
    @Override
    @Transactional
    public List<String> revokedSince(Instant since) {
        return em.createQuery("select k.keyHash from ApiKeyEntity k where k.revokedAt >= :since", String.class)
                .setParameter("since", UtcTimes.toUtc(since))
                .getResultList();
    }

    @Override
    public StoredKey add(long serverRef, String hash, String prefix, Instant now) {
        ApiKeyEntity key = new ApiKeyEntity(em.getReference(ServerEntity.class, serverRef), hash, prefix, now);
        em.persist(key);
        em.flush(); // the generated id is part of the answer to the caller
        return key.stored();
    }

    @Override
    public StoredKey revoke(long keyId, Instant now) {
        ApiKeyEntity key = em.find(ApiKeyEntity.class, keyId);
        if (key.getRevokedAt() == null) {
            key.setRevokedAt(now);
        }
        return key.stored();
    }

    @Override
    public List<String> revokeOthers(long serverRef, long keptKeyId, Instant now) {
        List<ApiKeyEntity> active = em.createQuery("select k from ApiKeyEntity k where k.server.id = :server"
                        + " and k.revokedAt is null and k.id <> :kept", ApiKeyEntity.class)
                .setParameter("server", serverRef).setParameter("kept", keptKeyId).getResultList();
        active.forEach(k -> k.setRevokedAt(now));
        return active.stream().map(ApiKeyEntity::getKeyHash).toList();
    }
}
