package io.healthmon.server.persistence.jdbc;

import io.healthmon.report.MetricsReport;

/** One report of one server, to be stored in the {@code metrics} table. */
public record MetricsRow(long serverRef, MetricsReport report) {
}
