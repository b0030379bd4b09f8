package io.healthmon.server.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Re-enrolment tokens. Callers provide the transaction. */
@ApplicationScoped
public class EnrolmentTokenRepository {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    public EnrolmentTokenEntity add(EnrolmentTokenEntity token) {
        em.persist(token);
        em.flush(); // the id is part of the answer
        return token;
    }

    /**
     * Marks the server's unused, unexpired token with this hash used, and returns it; empty when there is
     * none. One statement does both, so two agents racing with one token cannot both succeed.
     */
    public Optional<EnrolmentTokenEntity> use(String serverId, String tokenHash, Instant now) {
        List<?> ids = em.createNativeQuery("update enrolment_tokens t set used_at = ?1"
                        + " from servers s where s.id = t.server_ref and s.server_id = ?2 and t.token_hash = ?3"
                        + " and t.used_at is null and t.expires_at > ?1 returning t.id")
                .setParameter(1, UtcTimes.toUtc(now)).setParameter(2, serverId).setParameter(3, tokenHash)
                .getResultList();
        return ids.stream().findFirst().map(id -> em.find(EnrolmentTokenEntity.class, ((Number) id).longValue()));
    }

    /** Ends every unused token of the server: a new token replaces the ones handed out before. */
    public int withdrawUnused(long serverRef, Instant now) {
        return em.createNativeQuery("update enrolment_tokens set expires_at = ?1"
                        + " where server_ref = ?2 and used_at is null and expires_at > ?1")
                .setParameter(1, UtcTimes.toUtc(now)).setParameter(2, serverRef).executeUpdate();
    }
}
