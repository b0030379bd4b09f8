package io.healthmon.server.persistence.jpa;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.application.port.MetricsStore;
import io.healthmon.server.application.port.PlatformReference;
import io.healthmon.server.persistence.jdbc.MetricsRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.List;

/**
 * The reports stored the platform's plain way, kept as the reference the ingest writers' multi-row
 * insert ({@code MetricsRepository}) is held to: one statement per report through JPA, times bound
 * by the driver, and a report stored when its statement inserted a row. Native SQL, not an entity:
 * JPA has no insert that skips a row already there, and EclipseLink binds text, not {@code jsonb}
 * (and a null as text: hence the casts).
 * The push endpoint's reference ingestion uses it, so that {@code ServerApiIT} compares the rows and
 * the fates both give the same reports.
 */
@ApplicationScoped
@PlatformReference
public class JpaMetricsRows implements MetricsStore {

    private static final String INSERT = """
            insert into metrics (server_ref, collected_at, received_at, cpu_usage,
                memory_total, memory_used, memory_percentage, swap_total, swap_used, swap_percentage,
                load_1, load_5, load_15, uptime_seconds, disk_usage, failed_services, network,
                collection_errors, agent_version)
            values (?1, ?2, ?3, cast(?4 as float8), cast(?5 as bigint), cast(?6 as bigint), cast(?7 as float8),
                cast(?8 as bigint), cast(?9 as bigint), cast(?10 as float8), cast(?11 as float8), cast(?12 as float8),
                cast(?13 as float8), cast(?14 as bigint), cast(?15 as jsonb), cast(?16 as jsonb), cast(?17 as jsonb),
                cast(?18 as jsonb), ?19)
            on conflict (server_ref, collected_at) do nothing
            """;

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    @Override
    public Row prepare(long serverRef, MetricsReport report) {
        return MetricsRow.of(serverRef, report);
    }

    @Override
    public boolean[] insertAll(List<Row> rows, Instant receivedAt) {
        boolean[] stored = new boolean[rows.size()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = insert((MetricsRow) rows.get(i), receivedAt) == 1;
        }
        return stored;
    }

    private int insert(MetricsRow row, Instant receivedAt) {
        MetricsReport r = row.report();
        Query insert = em.createNativeQuery(INSERT)
                .setParameter(1, row.serverRef())
                .setParameter(2, UtcTimes.toUtc(r.timestamp()))
                .setParameter(3, UtcTimes.toUtc(receivedAt))
                .setParameter(4, r.cpuUsage())
                .setParameter(5, r.memory() == null ? null : r.memory().total())
                .setParameter(6, r.memory() == null ? null : r.memory().used())
                .setParameter(7, r.memory() == null ? null : r.memory().percentage())
                .setParameter(8, r.swap() == null ? null : r.swap().total())
                .setParameter(9, r.swap() == null ? null : r.swap().used())
                .setParameter(10, r.swap() == null ? null : r.swap().percentage())
                .setParameter(11, r.loadAverage() == null ? null : r.loadAverage().oneMinute())
                .setParameter(12, r.loadAverage() == null ? null : r.loadAverage().fiveMinutes())
                .setParameter(13, r.loadAverage() == null ? null : r.loadAverage().fifteenMinutes())
                .setParameter(14, r.uptime())
                .setParameter(15, row.diskUsageJson())
                .setParameter(16, row.failedServicesJson())
                .setParameter(17, row.networkJson())
                .setParameter(18, row.collectionErrorsJson())
                .setParameter(19, r.agentVersion());
        return insert.executeUpdate();
    }
}
