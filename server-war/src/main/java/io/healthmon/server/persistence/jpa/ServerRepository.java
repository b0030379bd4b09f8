package io.healthmon.server.persistence.jpa;

import io.healthmon.server.application.port.ServerDirectory;
import io.healthmon.server.application.port.ServerHealthReads;
import io.healthmon.server.domain.HealthState;
import io.healthmon.server.domain.ServerHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Servers and their current health rows. Callers provide the transaction. */
@ApplicationScoped
public class ServerRepository implements ServerDirectory, ServerHealthReads {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    private Optional<ServerEntity> findByServerId(String serverId) {
        return em.createNamedQuery(ServerEntity.BY_SERVER_ID, ServerEntity.class)
                .setParameter("serverId", serverId)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Long> refOf(String serverId) {
        return findByServerId(serverId).map(ServerEntity::getId);
    }

    /**
     * Creates the server with its health row in NEVER_SEEN. The insert skips a taken id rather than
     * failing on it, so a race neither aborts the transaction nor logs a constraint violation.
     */
    @Override
    public Optional<Long> register(String serverId, Instant now) {
        List<?> ids = em.createNativeQuery("insert into servers (server_id, registered_at) values (?1, ?2)"
                        + " on conflict (server_id) do nothing returning id")
                .setParameter(1, serverId).setParameter(2, UtcTimes.toUtc(now)).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        ServerEntity server = em.find(ServerEntity.class, ((Number) ids.get(0)).longValue());
        em.persist(new HealthStatusEntity(server, HealthState.NEVER_SEEN, "no report received yet", now));
        return Optional.of(server.getId());
    }

    @Override
    public long count() {
        return em.createNamedQuery(HealthStatusEntity.COUNT, Long.class).getSingleResult();
    }

    @Override
    public List<ServerHealth> page(int offset, int limit) {
        return em.createNamedQuery(HealthStatusEntity.ALL, HealthStatusEntity.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList().stream().map(HealthStatusEntity::describe).toList();
    }

    @Override
    public Optional<ServerHealth> find(String serverId) {
        return em.createNamedQuery(HealthStatusEntity.BY_SERVER_ID, HealthStatusEntity.class)
                .setParameter("serverId", serverId)
                .getResultStream().findFirst().map(HealthStatusEntity::describe);
    }
}
