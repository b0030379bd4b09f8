package io.healthmon.server.rest.v1;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.application.GroupCommit;
import io.healthmon.server.application.IngestOutcome;
import io.healthmon.server.application.ReportResult;
import io.healthmon.server.application.Violation;
import io.healthmon.server.config.IngestConfig;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.security.AgentAuthenticated;
import io.healthmon.server.rest.security.AgentKeyFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code POST /api/v1/metrics}: one report or a batch, from the agent whose key is presented.
 * 200 with each report's fate; 400 when the only report, or every report of a batch, is invalid.
 * One instance serves every request (it holds no request state): a new CDI instance per request, the
 * JAX-RS default, cost a tenth of the request threads' time under load.
 */
@ApplicationScoped
@Path("v1/metrics")
public class MetricsResource {

    @Inject
    GroupCommit ingestion;

    @Inject
    IngestConfig config;

    @POST
    @AgentAuthenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response ingest(@Context ContainerRequestContext request, @Context HttpHeaders headers, InputStream body)
            throws IOException, SQLException {
        ReportBodyReader.Body parsed = ReportBodyReader.read(body, headers.getHeaderString(HttpHeaders.CONTENT_ENCODING),
                headers.getLength(), config.maxBodyBytes());
        List<MetricsReport> reports = parsed.reports();
        IngestOutcome outcome = ingestion.ingest(AgentKeyFilter.agentOf(request), reports);
        if (outcome.allRejected()) {
            String detail = parsed.batch() ? "every report of the batch is invalid" : "the report is invalid";
            return Problem.of(Response.Status.BAD_REQUEST, "invalid-report", detail)
                    .withErrors(violations(outcome.results(), parsed.batch()))
                    .toResponse();
        }
        return Response.ok(outcome).build();
    }

    /** Every violation of every report; in a batch, prefixed with the report's index. */
    private static List<Violation> violations(List<ReportResult> results, boolean batch) {
        if (!batch) {
            return results.get(0).errors();
        }
        return IntStream.range(0, results.size()).boxed()
                .flatMap(i -> results.get(i).errors().stream().map(v -> new Violation("[" + i + "]." + v.field(), v.rule())))
                .toList();
    }
}
