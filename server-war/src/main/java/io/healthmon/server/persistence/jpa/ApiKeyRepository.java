package io.healthmon.server.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys by hash. Callers provide the transaction. */
@ApplicationScoped
public class ApiKeyRepository {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    public Optional<ApiKeyEntity> findActiveByHash(String hash) {
        return em.createNamedQuery(ApiKeyEntity.ACTIVE_BY_HASH, ApiKeyEntity.class)
                .setParameter("hash", hash)
                .getResultStream().findFirst();
    }

    /** The hashes of keys revoked at or after {@code since}; in a transaction of its own when the caller has none (a sweep). */
    @Transactional
    public List<String> revokedSince(Instant since) {
        return em.createQuery("select k.keyHash from ApiKeyEntity k where k.revokedAt >= :since", String.class)
                .setParameter("since", UtcTimes.toUtc(since))
                .getResultList();
    }

    public ApiKeyEntity add(ServerEntity server, String hash, String prefix, Instant now) {
        ApiKeyEntity key = new ApiKeyEntity(server, hash, prefix, now);
        em.persist(key);
        em.flush(); // the generated id is part of the answer to the caller
        return key;
    }

    public List<ApiKeyEntity> forServer(String serverId) {
        return em.createNamedQuery(ApiKeyEntity.BY_SERVER, ApiKeyEntity.class)
                .setParameter("serverId", serverId).getResultList();
    }

    /** Revokes every active key of the server but {@code keptKeyId}; returns the hashes of those revoked. */
    public List<String> revokeOthers(ServerEntity server, long keptKeyId, Instant now) {
        List<ApiKeyEntity> active = em.createQuery("select k from ApiKeyEntity k where k.server = :server"
                        + " and k.revokedAt is null and k.id <> :kept", ApiKeyEntity.class)
                .setParameter("server", server).setParameter("kept", keptKeyId).getResultList();
        active.forEach(k -> k.setRevokedAt(now));
        return active.stream().map(ApiKeyEntity::getKeyHash).toList();
    }

    /** The key with this hash, revoked or not: to tell a revoked key's use from an unknown key. */
    public Optional<ApiKeyEntity> findAnyByHash(String hash) {
        return em.createQuery("select k from ApiKeyEntity k join fetch k.server where k.keyHash = :hash", ApiKeyEntity.class)
                .setParameter("hash", hash).getResultStream().findFirst();
    }

    public Optional<ApiKeyEntity> find(long id) {
        return Optional.ofNullable(em.find(ApiKeyEntity.class, id));
    }
}
