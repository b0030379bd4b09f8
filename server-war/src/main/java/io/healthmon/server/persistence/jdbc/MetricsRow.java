package io.healthmon.server.persistence.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.report.MetricsReport;
import io.healthmon.server.persistence.StoredJson;

/**
 * One report of one server, ready to be stored in the {@code metrics} table, its four JSON columns
 * already written. Made by the request's own thread ({@link #of}): the ingest writers store one group
 * at a time, so what they need not do themselves shortens the chain every request waits on.
 */
public record MetricsRow(long serverRef, MetricsReport report, String diskUsageJson, String failedServicesJson,
                         String networkJson, String collectionErrorsJson) {

    private static final ObjectMapper JSON = StoredJson.MAPPER;

    /** The row of a validated report. */
    public static MetricsRow of(long serverRef, MetricsReport report) {
        return new MetricsRow(serverRef, report, json(report.diskUsage()), json(report.failedServices()),
                json(report.network()), json(report.collectionErrors()));
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A validated report part could not be written as JSON", e);
        }
    }
}
