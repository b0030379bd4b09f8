package io.healthmon.server.rest.v1;

import io.healthmon.server.rest.prometheus.InstanceExposition;
import io.healthmon.server.rest.security.OperatorAuthenticated;
import io.healthmon.server.telemetry.ServerMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.StringWriter;

/**
 * {@code GET /api/v1/prometheus/instance}: this instance's histograms (push answer time, group commit
 * sizes, webhook call time) for Prometheus; its counters and gauges are in Payara's {@code /metrics}.
 */
@Path("v1/prometheus/instance")
@OperatorAuthenticated
public class InstanceMetricsResource {

    @Inject
    ServerMetrics metrics;

    @GET
    @Produces(PrometheusResource.TEXT_FORMAT)
    public String histograms() throws IOException {
        StringWriter text = new StringWriter();
        InstanceExposition.write(metrics.distributions(), text);
        return text.toString();
    }
}
