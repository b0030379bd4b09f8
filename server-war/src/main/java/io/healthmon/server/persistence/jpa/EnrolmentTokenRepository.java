package io.healthmon.server.persistence.jpa;

import io.healthmon.server.application.port.EnrolmentTokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Re-enrolment tokens. Callers provide the transaction. */
@ApplicationScoped
public class EnrolmentTokenRepository implements EnrolmentTokenStore {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    @Override
    public void add(long serverRef, String tokenHash, boolean revokesExistingKeys, Instant issuedAt, Instant expiresAt) {
        em.persist(new EnrolmentTokenEntity(em.getReference(ServerEntity.class, serverRef), tokenHash, revokesExistingKeys,
                issuedAt, expiresAt));
    }

    /** One statement marks the token used and finds it, so two agents racing with one token cannot both succeed. */
    @Override
    public Optional<Used> use(String serverId, String tokenHash, Instant now) {
        List<?> ids = em.createNativeQuery("update enrolment_tokens t set used_at = ?1"
                        + " from servers s where s.id = t.server_ref and s.server_id = ?2 and t.token_hash = ?3"
                        + " and t.used_at is null and t.expires_at > ?1 returning t.id")
                .setParameter(1, UtcTimes.toUtc(now)).setParameter(2, serverId).setParameter(3, tokenHash)
                .getResultList();
        return ids.stream().findFirst().map(id -> em.find(EnrolmentTokenEntity.class, ((Number) id).longValue()))
                .map(token -> new Used(token.getServer().getId(), token.revokesExistingKeys()));
    }

    @Override
    public void withdrawUnused(long serverRef, Instant now) {
        em.createNativeQuery("update enrolment_tokens set expires_at = ?1"
                        + " where server_ref = ?2 and used_at is null and expires_at > ?1")
                .setParameter(1, UtcTimes.toUtc(now)).setParameter(2, serverRef).executeUpdate();
    }
}
