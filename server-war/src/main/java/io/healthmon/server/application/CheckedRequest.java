package io.healthmon.server.application;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.application.port.MetricsStore;
import java.util.ArrayList;
import java.util.List;

/**
 * One ingestion request after its checks, before anything is stored: the agent, its reports, each
 * report's violations (empty for a valid report), and the valid reports as rows to store, in order.
 */
public record CheckedRequest(AuthenticatedAgent agent, List<MetricsReport> reports, List<List<Violation>> violations,
                             List<MetricsStore.Row> rows) {

    public CheckedRequest {
        reports = List.copyOf(reports);
        violations = List.copyOf(violations);
        rows = List.copyOf(rows);
    }

    public boolean valid(int index) {
        return violations.get(index).isEmpty();
    }

    /** True when every report is invalid: there is nothing to store and the server is not marked seen. */
    public boolean nothingToStore() {
        return rows.isEmpty();
    }

    /** The outcome given which valid reports were stored ({@code stored[i]} for report i; ignored if invalid). */
    public IngestOutcome outcome(boolean[] stored) {
        List<ReportResult> results = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            MetricsReport report = reports.get(i);
            if (!valid(i)) {
                results.add(new ReportResult(report.timestamp(), ReportResult.Status.REJECTED, violations.get(i)));
            } else {
                results.add(new ReportResult(report.timestamp(),
                        stored[i] ? ReportResult.Status.STORED : ReportResult.Status.DUPLICATE, List.of()));
            }
        }
        return IngestOutcome.of(results);
    }
}
