package io.healthmon.server.application;

import io.healthmon.report.MetricsReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;

/**
 * Ingestion the platform's way, kept as the reference that {@link GroupCommit}, {@link PlainlyValidReport}
 * and the writers' plain-JDBC rows are held to: one request in one JTA transaction of its own, every
 * report through Bean Validation, the reports and health rows written by JPA a row at a time; no group,
 * no queue, no answer thread. It checks and stores through the same {@link IngestionService} as the
 * writers, so whatever differs between the two is what the fast path changed. Only the push endpoint's
 * reference calls it ({@code healthmon.ingest.reference-endpoint}, off by default).
 */
@ApplicationScoped
public class ReferenceIngestion {

    @Inject
    IngestionService ingestion;

    /** Checks and stores one request; throws as {@link GroupCommit#submit} does for a request that fails its checks. */
    @Transactional(rollbackOn = SQLException.class)
    public IngestOutcome ingest(AuthenticatedAgent agent, List<MetricsReport> reports) throws SQLException {
        CheckedRequest checked = ingestion.checkByBeanValidation(agent, reports);
        if (checked.nothingToStore()) {
            return checked.outcome(new boolean[reports.size()]);
        }
        return ingestion.storeByReference(checked);
    }
}
