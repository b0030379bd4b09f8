package io.healthmon.server.persistence.jpa;

import io.healthmon.server.alerting.ThresholdOverrides;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-server thresholds operators set through the API. Callers provide the transaction. Every report
 * needs its server's thresholds, so they are remembered for {@link #REMEMBER}: a change applies to
 * reports within that time (the instance that took it forgets its copy at once).
 */
@ApplicationScoped
public class ThresholdOverrideRepository {

    public static final Duration REMEMBER = Duration.ofSeconds(10);
    private static final String CPU = "HIGH_CPU";
    private static final String DISK = "HIGH_DISK";

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    private final Map<Long, Remembered> remembered = new ConcurrentHashMap<>();

    /** The server's thresholds, possibly as read up to {@link #REMEMBER} ago. */
    public ThresholdOverrides find(long serverRef) {
        long now = System.nanoTime();
        Remembered r = remembered.get(serverRef);
        if (r != null && now - r.readAt() < REMEMBER.toNanos()) {
            return r.overrides();
        }
        ThresholdOverrides fresh = read(serverRef);
        if (remembered.size() > 200_000) {
            remembered.clear();
        }
        remembered.put(serverRef, new Remembered(fresh, now));
        return fresh;
    }

    private ThresholdOverrides read(long serverRef) {
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
        remembered.remove(serverRef);
        em.createNativeQuery("delete from threshold_overrides where server_ref = ?1").setParameter(1, serverRef).executeUpdate();
        if (overrides.cpu() != null) {
            insert(serverRef, CPU, "", overrides.cpu());
        }
        if (overrides.disk() != null) {
            insert(serverRef, DISK, "", overrides.disk());
        }
        overrides.mountpoints().forEach((mountpoint, threshold) -> insert(serverRef, DISK, mountpoint, threshold));
    }

    private record Remembered(ThresholdOverrides overrides, long readAt) {
    }

    private void insert(long serverRef, String kind, String subject, double threshold) {
        em.createNativeQuery("insert into threshold_overrides (server_ref, kind, subject, threshold) values (?1, ?2, ?3, ?4)")
                .setParameter(1, serverRef).setParameter(2, kind).setParameter(3, subject).setParameter(4, threshold)
                .executeUpdate();
    }
}
