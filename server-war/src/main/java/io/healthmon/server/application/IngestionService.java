package io.healthmon.server.application;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.application.port.HealthStore;
import io.healthmon.server.application.port.MetricsStore;
import io.healthmon.server.application.port.PlatformReference;
import io.healthmon.server.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ingests requests: {@link #check} judges a request's reports without touching the database;
 * {@link #store} then stores the valid reports of many requests in one transaction (idempotent on
 * server and timestamp), marks their servers seen and updates each server's health (and alerts) from
 * its newest reports. {@link GroupCommit} gathers concurrent requests into those transactions.
 *
 * <p>A batch is judged report by report: valid reports are stored even when others in the same batch
 * are invalid, and each invalid one is answered with its errors. An agent replaying its spool thus
 * never has good reports held back by one bad one, and a bad one is never retried forever.
 */
@ApplicationScoped
public class IngestionService {

    @Inject
    ReportValidator validator;

    @Inject
    MetricsStore metrics;

    @Inject
    @PlatformReference
    MetricsStore referenceMetrics;

    @Inject
    HealthService health;

    @Inject
    HealthStore healthRows;

    @Inject
    @PlatformReference
    HealthStore referenceHealthRows;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    /**
     * Checks one request, and writes its valid reports as rows to store, on the request's own thread;
     * a report for another server than the key's fails the whole request.
     */
    public CheckedRequest check(AuthenticatedAgent agent, List<MetricsReport> reports) {
        return check(agent, reports, false);
    }

    /**
     * As {@link #check}, the platform's way, for the push endpoint's reference ({@link ReferenceIngestion}):
     * every report through Bean Validation ({@link ReportValidator#checkByBeanValidation}), the rows made
     * by the reference store ({@link #storeByReference}).
     */
    public CheckedRequest checkByBeanValidation(AuthenticatedAgent agent, List<MetricsReport> reports) {
        return check(agent, reports, true);
    }

    private CheckedRequest check(AuthenticatedAgent agent, List<MetricsReport> reports, boolean asReference) {
        for (MetricsReport report : reports) {
            if (report.serverId() != null && !report.serverId().equals(agent.serverId())) {
                throw new ForeignServerException(agent.serverId(), report.serverId());
            }
        }
        Instant now = clock.instant();
        Instant oldestAccepted = now.minus(Duration.ofDays(config.retentionDays()));
        List<List<Violation>> violations = new ArrayList<>(reports.size());
        List<MetricsStore.Row> rows = new ArrayList<>(reports.size());
        MetricsStore rowsFor = asReference ? referenceMetrics : metrics;
        for (MetricsReport report : reports) {
            List<Violation> found = asReference
                    ? validator.checkByBeanValidation(report, now, config.maxFutureSkew(), oldestAccepted)
                    : validator.check(report, now, config.maxFutureSkew(), oldestAccepted);
            violations.add(found);
            if (found.isEmpty()) {
                rows.add(rowsFor.prepare(agent.serverRef(), report));
            }
        }
        return new CheckedRequest(agent, reports, violations, rows);
    }

    /** Stores the valid reports of the requests in one transaction; their outcomes, in order. */
    @Transactional
    public List<IngestOutcome> store(List<CheckedRequest> requests) throws SQLException {
        return store(requests, metrics, healthRows);
    }

    /**
     * As {@link #store}, for one request checked by {@link #checkByBeanValidation}, with the reports and
     * the health rows written the platform's way ({@link PlatformReference}): for the push endpoint's
     * reference ({@link ReferenceIngestion}).
     */
    @Transactional
    public IngestOutcome storeByReference(CheckedRequest request) throws SQLException {
        return store(List.of(request), referenceMetrics, referenceHealthRows).get(0);
    }

    private List<IngestOutcome> store(List<CheckedRequest> requests, MetricsStore metrics, HealthStore healthRows)
            throws SQLException {
        Instant now = clock.instant();
        List<MetricsStore.Row> rows = new ArrayList<>();
        for (CheckedRequest request : requests) {
            rows.addAll(request.rows());
        }
        boolean[] inserted = metrics.insertAll(rows, now);

        Map<Long, List<MetricsStore.Row>> storedByServer = new TreeMap<>();
        List<IngestOutcome> outcomes = new ArrayList<>(requests.size());
        int row = 0;
        for (CheckedRequest request : requests) {
            boolean[] stored = new boolean[request.reports().size()];
            List<MetricsStore.Row> ofServer = request.nothingToStore() ? null
                    : storedByServer.computeIfAbsent(request.agent().serverRef(), ref -> new ArrayList<>());
            for (int i = 0; i < stored.length; i++) {
                if (request.valid(i)) {
                    stored[i] = inserted[row];
                    if (stored[i]) {
                        ofServer.add(rows.get(row));
                    }
                    row++;
                }
            }
            outcomes.add(request.outcome(stored));
        }
        if (!storedByServer.isEmpty()) {
            health.judgeStored(storedByServer, now, healthRows);
        }
        return outcomes;
    }
}
