package io.healthmon.server.application;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.config.IngestConfig;
import io.healthmon.server.persistence.jdbc.MetricsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingests one request's reports in one transaction: each valid report is stored unless already
 * stored (idempotent on server and timestamp), the server is marked seen, and its health is updated
 * from its newest report.
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
    MetricsRepository metrics;

    @Inject
    HealthService health;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    @Transactional
    public IngestOutcome ingest(AuthenticatedAgent agent, List<MetricsReport> reports) throws SQLException {
        for (MetricsReport report : reports) {
            if (report.serverId() != null && !report.serverId().equals(agent.serverId())) {
                throw new ForeignServerException(agent.serverId(), report.serverId());
            }
        }
        Instant now = clock.instant();
        Instant oldestAccepted = now.minus(Duration.ofDays(config.retentionDays()));
        List<ReportResult> results = new ArrayList<>(reports.size());
        List<MetricsReport> stored = new ArrayList<>();
        for (MetricsReport report : reports) {
            List<Violation> violations = validator.check(report, now, config.maxFutureSkew(), oldestAccepted);
            if (!violations.isEmpty()) {
                results.add(new ReportResult(report.timestamp(), ReportResult.Status.REJECTED, violations));
            } else if (metrics.insert(agent.serverRef(), report, now)) {
                stored.add(report);
                results.add(new ReportResult(report.timestamp(), ReportResult.Status.STORED, List.of()));
            } else {
                results.add(new ReportResult(report.timestamp(), ReportResult.Status.DUPLICATE, List.of()));
            }
        }
        IngestOutcome outcome = IngestOutcome.of(results);
        if (!outcome.allRejected()) {
            health.seen(agent.serverRef(), stored, now);
        }
        return outcome;
    }
}
