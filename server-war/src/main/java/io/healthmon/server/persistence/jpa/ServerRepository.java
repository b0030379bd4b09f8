package io.healthmon.server.persistence.jpa;

import io.healthmon.server.domain.HealthState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Servers and their current health rows. Callers provide the transaction. */
@ApplicationScoped
public class ServerRepository {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    public Optional<ServerEntity> findByServerId(String serverId) {
        return em.createNamedQuery(ServerEntity.BY_SERVER_ID, ServerEntity.class)
                .setParameter("serverId", serverId)
                .getResultStream().findFirst();
    }

    /** Creates a server with its health row in NEVER_SEEN. */
    public ServerEntity create(String serverId, OffsetDateTime now) {
        ServerEntity server = new ServerEntity(serverId, now);
        em.persist(server);
        em.persist(new HealthStatusEntity(server, HealthState.NEVER_SEEN, "no report received yet", now));
        return server;
    }

    public ServerEntity reference(long id) {
        return em.getReference(ServerEntity.class, id);
    }

    public Optional<HealthStatusEntity> health(String serverId) {
        return em.createNamedQuery(HealthStatusEntity.BY_SERVER_ID, HealthStatusEntity.class)
                .setParameter("serverId", serverId)
                .getResultStream().findFirst();
    }

    public List<HealthStatusEntity> healthPage(int offset, int limit) {
        return em.createNamedQuery(HealthStatusEntity.ALL, HealthStatusEntity.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count() {
        return em.createNamedQuery(HealthStatusEntity.COUNT, Long.class).getSingleResult();
    }

    /**
     * Servers not Down (nor never seen) whose last report arrived before the cutoff, their health rows
     * locked for this transaction. A row being updated by a report right now is skipped: that server
     * is not silent.
     */
    public List<HealthStatusEntity> lockSilentSince(OffsetDateTime cutoff) {
        List<?> refs = em.createNativeQuery("select h.server_ref from health_status h"
                        + " where h.status not in ('DOWN', 'NEVER_SEEN') and h.last_seen_at < ?1"
                        + " order by h.server_ref for update of h skip locked")
                .setParameter(1, cutoff).getResultList();
        return refs.stream().map(ref -> em.find(HealthStatusEntity.class, ((Number) ref).longValue())).toList();
    }
}
