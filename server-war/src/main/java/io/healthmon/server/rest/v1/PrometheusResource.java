package io.healthmon.server.rest.v1;

import io.healthmon.server.application.FleetQueries;
import io.healthmon.server.domain.ServerSnapshot;
import io.healthmon.server.rest.prometheus.FleetExposition;
import io.healthmon.server.rest.security.OperatorAuthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/prometheus}: every server's newest values for Prometheus to scrape, with the
 * operator token as a bearer token (Prometheus's {@code authorization} setting). The fleet is read
 * before the answer starts, so a database failure is a clean 503, never a cut-off exposition.
 */
@Path("v1/prometheus")
@OperatorAuthenticated
public class PrometheusResource {

    /** Prometheus's text format, the one every version of Prometheus reads. */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    FleetQueries queries;

    @Inject
    Clock clock;

    @GET
    @Produces(TEXT_FORMAT)
    public Response fleet() throws SQLException {
        List<ServerSnapshot> servers = queries.snapshot();
        Instant now = clock.instant();
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            FleetExposition.write(servers, now, writer);
            writer.flush();
        };
        return Response.ok(body, TEXT_FORMAT).build();
    }
}
