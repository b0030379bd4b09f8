package io.healthmon.server.persistence.jpa;

import io.healthmon.server.alerting.ThresholdOverrides;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-server thresholds operators set through the API. Callers provide the transaction. */
@ApplicationScoped
public class ThresholdOverrideRepository {

    private static final String CPU = "HIGH_CPU";
    private static final String DISK = "HIGH_DISK";

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    public ThresholdOverrides find(long serverRef) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select kind, subject, threshold from threshold_overrides where server_ref = ?1 order by kind, subject")
                .setParameter(1, serverRef).getResultList();
        Double cpu = null;
        Double disk = null;
        Map<String, Double> mountpoints = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String kind = (String) row[0];
            String subject = (String) row[1];
            double threshold = ((Number) row[2]).doubleValue();
            if (CPU.equals(kind)) {
                cpu = threshold;
            } else if (subject.isEmpty()) {
                disk = threshold;
            } else {
                mountpoints.put(subject, threshold);
            }
        }
        return new ThresholdOverrides(cpu, disk, mountpoints);
    }

    /** Replaces every override of the server with {@code overrides}. */
    public void replace(long serverRef, ThresholdOverrides overrides) {
        em.createNativeQuery("delete from threshold_overrides where server_ref = ?1").setParameter(1, serverRef).executeUpdate();
        if (overrides.cpu() != null) {
            insert(serverRef, CPU, "", overrides.cpu());
        }
        if (overrides.disk() != null) {
            insert(serverRef, DISK, "", overrides.disk());
        }
        overrides.mountpoints().forEach((mountpoint, threshold) -> insert(serverRef, DISK, mountpoint, threshold));
    }

    private void insert(long serverRef, String kind, String subject, double threshold) {
        em.createNativeQuery("insert into threshold_overrides (server_ref, kind, subject, threshold) values (?1, ?2, ?3, ?4)")
                .setParameter(1, serverRef).setParameter(2, kind).setParameter(3, subject).setParameter(4, threshold)
                .executeUpdate();
    }
}
