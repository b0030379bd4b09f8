package io.healthmon.server.rest.v1;

import io.healthmon.server.application.AuthenticatedAgent;
import io.healthmon.server.application.IngestOutcome;
import io.healthmon.server.application.ReferenceIngestion;
import io.healthmon.server.config.IngestConfig;
import io.healthmon.server.rest.security.AgentGate;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /api/v1/metrics/reference}: the push endpoint ({@link MetricsServlet}) the platform's way,
 * kept as its reference. A JAX-RS resource whose request is stored in a transaction of its own
 * ({@link ReferenceIngestion}: every report through Bean Validation, no group commit), answering what
 * the servlet answers for the same body: the same key checks and rate limit ({@link AgentGate}), the
 * same body reader and limits, the same problems through the JAX-RS exception mappers. ServerApiIT
 * holds the two to the same answers and stored rows. 404 unless {@code healthmon.ingest.reference-endpoint}.
 */
@Path("v1/metrics/reference")
public class ReferenceMetricsResource {

    @Inject
    IngestConfig config;

    @Inject
    AgentGate gate;

    @Inject
    ReferenceIngestion ingestion;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response push(InputStream body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                         @Context HttpHeaders headers) throws IOException, SQLException {
        if (!config.referenceEndpoint()) {
            throw new NotFoundException();
        }
        AuthenticatedAgent agent = gate.admit(servletRequest);
        ReportBodyReader.Body read = ReportBodyReader.read(body, contentEncoding, headers.getLength(), config.maxBodyBytes());
        IngestOutcome outcome = ingestion.ingest(agent, read.reports());
        if (outcome.allRejected()) {
            return InvalidReportsProblem.of(outcome.results(), read.batch()).toResponse();
        }
        return Response.ok(outcome).build();
    }
}
