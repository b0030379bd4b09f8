package io.healthmon.server.persistence.jpa;

import io.healthmon.server.application.port.ThresholdStore;
import io.healthmon.server.domain.ThresholdOverrides;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-server thresholds operators set through the API. Callers provide the transaction. Every report
 * needs its server's thresholds, so the whole table is held in memory and read again, in one query,
 * once it is {@link #REMEMBER} old or dropped: the instance that takes a change drops its copy when
 * the change commits, and the others when the grid tells them ({@link #forgetCopy}), so a change
 * applies at once everywhere, and within that time at worst. Overrides are few next to servers (an
 * operator sets them on the exceptions), so one read of them all costs less than a read per server,
 * and it does not depend on how often each agent reports, as a per-server copy would.
 */
@ApplicationScoped
public class ThresholdOverrideRepository implements ThresholdStore {

    public static final Duration REMEMBER = Duration.ofSeconds(10);
    private static final String CPU = "HIGH_CPU";
    private static final String DISK = "HIGH_DISK";
    private static final String INODES = "INODES_HIGH";

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final RememberedCopy<Map<Long, ThresholdOverrides>> copy = new RememberedCopy<>(REMEMBER, () -> select(null));

    @Override
    public ThresholdOverrides read(long serverRef) {
        return select(serverRef).getOrDefault(serverRef, ThresholdOverrides.NONE);
    }

    /** As read up to {@link #REMEMBER} ago at most. */
    @Override
    public ThresholdOverrides find(long serverRef) {
        return copy.get().getOrDefault(serverRef, ThresholdOverrides.NONE);
    }

    /** The overrides of one server, or of all when {@code onlyServer} is null, by server. */
    private Map<Long, ThresholdOverrides> select(Long onlyServer) {
        Query query = em.createNativeQuery("select server_ref, kind, subject, threshold from threshold_overrides"
                + (onlyServer == null ? "" : " where server_ref = ?1") + " order by server_ref, kind, subject");
        if (onlyServer != null) {
            query.setParameter(1, onlyServer);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<Long, List<Object[]>> byServer = new HashMap<>();
        for (Object[] row : rows) {
            byServer.computeIfAbsent(((Number) row[0]).longValue(), ref -> new ArrayList<>()).add(row);
        }
        Map<Long, ThresholdOverrides> overrides = new HashMap<>();
        byServer.forEach((ref, serverRows) -> overrides.put(ref, of(serverRows)));
        return Map.copyOf(overrides);
    }

    /** One server's rows (kind, subject and threshold from index 1), ordered by kind and subject. */
    private static ThresholdOverrides of(List<Object[]> rows) {
        Double cpu = null;
        Double disk = null;
        Double inodes = null;
        Map<String, Double> mountpoints = new LinkedHashMap<>();
        Map<String, Double> inodeMountpoints = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String kind = (String) row[1];
            String subject = (String) row[2];
            double threshold = ((Number) row[3]).doubleValue();
            if (CPU.equals(kind)) {
                cpu = threshold;
            } else if (INODES.equals(kind)) {
                if (subject.isEmpty()) {
                    inodes = threshold;
                } else {
                    inodeMountpoints.put(subject, threshold);
                }
            } else if (subject.isEmpty()) {
                disk = threshold;
            } else {
                mountpoints.put(subject, threshold);
            }
        }
        return new ThresholdOverrides(cpu, disk, mountpoints, inodes, inodeMountpoints);
    }

    @Override
    public void forgetCopy() {
        copy.forget();
    }

    @Override
    public void replace(long serverRef, ThresholdOverrides overrides) {
        copy.forgetNowAndWhenDone(transactions);
        em.createNativeQuery("delete from threshold_overrides where server_ref = ?1").setParameter(1, serverRef).executeUpdate();
        if (overrides.cpu() != null) {
            insert(serverRef, CPU, "", overrides.cpu());
        }
        if (overrides.disk() != null) {
            insert(serverRef, DISK, "", overrides.disk());
        }
        overrides.mountpoints().forEach((mountpoint, threshold) -> insert(serverRef, DISK, mountpoint, threshold));
        if (overrides.inodes() != null) {
            insert(serverRef, INODES, "", overrides.inodes());
        }
        overrides.inodeMountpoints().forEach((mountpoint, threshold) -> insert(serverRef, INODES, mountpoint, threshold));
    }

    private void insert(long serverRef, String kind, String subject, double threshold) {
        em.createNativeQuery("insert into threshold_overrides (server_ref, kind, subject, threshold) values (?1, ?2, ?3, ?4)")
                .setParameter(1, serverRef).setParameter(2, kind).setParameter(3, subject).setParameter(4, threshold)
                .executeUpdate();
    }
}
