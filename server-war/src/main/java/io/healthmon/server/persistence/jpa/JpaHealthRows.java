package io.healthmon.server.persistence.jpa;

import io.healthmon.server.application.port.HealthStore;
import io.healthmon.server.application.port.PlatformReference;
import io.healthmon.server.domain.ServerHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The health rows the platform's way, kept as the reference the ingest writers' plain-JDBC
 * {@code HealthRows} is held to: each row found and locked by JPA, in server order, and written back
 * by changing the managed entity. The push endpoint's reference ingestion uses it, so that
 * {@code ServerApiIT} compares the rows both write for the same reports.
 */
@ApplicationScoped
@PlatformReference
public class JpaHealthRows implements HealthStore {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    @Override
    public Map<Long, ServerHealth> lockForUpdate(Collection<Long> serverRefs) {
        Map<Long, ServerHealth> rows = new LinkedHashMap<>();
        for (long serverRef : new TreeSet<>(serverRefs)) {
            HealthStatusEntity row = em.find(HealthStatusEntity.class, serverRef, LockModeType.PESSIMISTIC_WRITE);
            if (row != null) {
                rows.put(serverRef, row.describe());
            }
        }
        return rows;
    }

    @Override
    public List<ServerHealth> lockSilentSince(Instant cutoff) {
        List<?> refs = em.createNativeQuery("select h.server_ref from health_status h"
                        + " where h.status not in ('DOWN', 'NEVER_SEEN') and h.last_seen_at < ?1"
                        + " order by h.server_ref for update of h skip locked")
                .setParameter(1, UtcTimes.toUtc(cutoff)).getResultList();
        return refs.stream().map(ref -> em.find(HealthStatusEntity.class, ((Number) ref).longValue()).describe()).toList();
    }

    @Override
    public String lock(long serverRef) {
        return em.find(HealthStatusEntity.class, serverRef, LockModeType.PESSIMISTIC_WRITE).getServer().getServerId();
    }

    @Override
    public void write(Collection<ServerHealth> rows) {
        for (ServerHealth row : rows) {
            em.find(HealthStatusEntity.class, row.serverRef()).update(row);
        }
    }
}
