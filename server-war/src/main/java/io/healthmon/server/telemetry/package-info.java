/**
 * The server's own metrics, through MicroProfile Metrics: Payara serves them at {@code /metrics} in
 * Prometheus's text format. Names follow Prometheus's conventions once Payara's exporter has added the
 * unit and the {@code _total} of a counter.
 */
package io.healthmon.server.telemetry;
