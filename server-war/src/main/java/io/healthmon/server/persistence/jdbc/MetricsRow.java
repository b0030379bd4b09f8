package io.healthmon.server.persistence.jdbc;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.application.port.MetricsStore;
import io.healthmon.server.persistence.StoredJson;

/**
 * One report of one server, ready to be stored in the {@code metrics} table, its four JSON columns
 * already written. Made by the request's own thread ({@link #of}): the ingest writers store one group
 * at a time, so what they need not do themselves shortens the chain every request waits on.
 */
public record MetricsRow(long serverRef, MetricsReport report, String diskUsageJson, String failedServicesJson,
                         String networkJson, String collectionErrorsJson) implements MetricsStore.Row {

    /** The row of a validated report. */
    public static MetricsRow of(long serverRef, MetricsReport report) {
        return new MetricsRow(serverRef, report, json(report.diskUsage()), json(report.failedServices()),
                json(report.network()), json(report.collectionErrors()));
    }

    private static String json(Object value) {
        return StoredJson.write(value, "a validated report's part");
    }
}
