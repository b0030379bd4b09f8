package io.healthmon.server.rest.v1;

import io.healthmon.server.application.AuthenticatedAgent;
import io.healthmon.server.application.GroupCommit;
import io.healthmon.server.application.IngestOutcome;
import io.healthmon.server.config.IngestConfig;
import io.healthmon.server.rest.ApiJson;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.problem.UnexpectedExceptionMapper;
import io.healthmon.server.rest.security.AgentGate;
import io.healthmon.server.telemetry.ServerMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /api/v1/metrics}: one report or a batch, from the agent whose key is presented.
 * 200 with each report's fate; 400 when the only report, or every report of a batch, is invalid;
 * 401, 413, 415 and 429 as the other endpoints answer them, through the same problem mappers.
 *
 * <p>A plain asynchronous servlet, not a JAX-RS resource (a departure from DESIGN.md for this one
 * endpoint): every agent calls it every minute, and under load Jersey's and Weld's work around each
 * call was the largest single cost of the request threads (docs/decisions/0006). No thread waits for the group commit either: the request is
 * suspended once its reports are queued, and answered by an answer thread once they are committed.
 */
@WebServlet(urlPatterns = "/api/v1/metrics", asyncSupported = true)
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(MetricsServlet.class.getName());

    @Inject
    transient AgentGate gate;

    @Inject
    transient GroupCommit groupCommit;

    @Inject
    transient IngestConfig config;

    @Inject
    transient ServerMetrics metrics;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long arrived = System.nanoTime();
        ReportBodyReader.Body body = null;
        CompletableFuture<IngestOutcome> outcome;
        try {
            if (!"POST".equals(request.getMethod())) {
                throw new NotAllowedException("POST");
            }
            requireJson(request);
            AuthenticatedAgent agent = gate.admit(request);
            body = ReportBodyReader.read(request.getInputStream(), request.getHeader(HttpHeaders.CONTENT_ENCODING),
                    request.getContentLengthLong(), config.maxBodyBytes());
            metrics.reportsReceived(body.reports().size());
            outcome = groupCommit.submit(agent, body.reports());
        } catch (Exception e) {
            refused(writeFailure(response, e), body);
            metrics.pushAnswered(Duration.ofNanos(System.nanoTime() - arrived));
            return;
        }
        ReportBodyReader.Body read = body;
        if (outcome.isDone()) {
            answer(response, read, outcome);
            metrics.pushAnswered(Duration.ofNanos(System.nanoTime() - arrived));
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // GroupCommit bounds the wait, and answers 503 past it
        outcome.whenComplete((result, failure) -> {
            try {
                answer((HttpServletResponse) async.getResponse(), read, outcome);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Could not answer an ingestion request (the client may have gone)", e);
            } finally {
                async.complete();
                metrics.pushAnswered(Duration.ofNanos(System.nanoTime() - arrived));
            }
        });
    }

    private void answer(HttpServletResponse response, ReportBodyReader.Body body,
                        CompletableFuture<IngestOutcome> outcome) throws IOException {
        IngestOutcome result;
        try {
            result = outcome.join();
        } catch (CompletionException e) {
            refused(writeFailure(response, e.getCause() != null ? e.getCause() : e), body);
            return;
        }
        metrics.reportsStored(result.accepted());
        metrics.reportsDuplicate(result.duplicates());
        metrics.reportsRejected(ServerMetrics.INVALID, result.rejected());
        if (result.allRejected()) {
            metrics.pushRefused("invalid-report");
            write(response, InvalidReportsProblem.of(result.results(), body.batch()).toResponse());
            return;
        }
        writeJson(response, HttpServletResponse.SC_OK, MediaType.APPLICATION_JSON, result);
    }

    /** Only JSON is read (415 otherwise; no Content-Type is taken as JSON) and answered (406 otherwise). */
    private static void requireJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && !mediaType(type).equals(MediaType.APPLICATION_JSON)) {
            throw new NotSupportedException();
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !accept.isBlank()) {
            for (String range : accept.split(",")) {
                String wanted = mediaType(range);
                if (wanted.equals("*/*") || wanted.equals("application/*") || wanted.equals(MediaType.APPLICATION_JSON)) {
                    return;
                }
            }
            throw new NotAcceptableException();
        }
    }

    /** The type and subtype of a media type, without parameters, in lower case. */
    private static String mediaType(String value) {
        int parameters = value.indexOf(';');
        return (parameters < 0 ? value : value.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    /** A refused request counted by its problem type, and its reports, if they were read, as rejected for it. */
    private void refused(Response answer, ReportBodyReader.Body body) {
        String reason = answer.getEntity() instanceof Problem problem
                ? problem.type().substring(problem.type().lastIndexOf(':') + 1) : "http-" + answer.getStatus();
        metrics.pushRefused(reason);
        if (body != null) {
            metrics.reportsRejected(reason, body.reports().size());
        }
    }

    /** Any failure answered as the JAX-RS endpoints answer it: the same mapper chooses the status and problem. */
    private static Response writeFailure(HttpServletResponse response, Throwable failure) throws IOException {
        Response answer = new UnexpectedExceptionMapper().toResponse(failure);
        write(response, answer);
        return answer;
    }

    /** A JAX-RS response (status, headers, entity as JSON) written to the servlet response. */
    private static void write(HttpServletResponse response, Response answer) throws IOException {
        answer.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        MediaType type = answer.getMediaType();
        writeJson(response, answer.getStatus(), type == null ? Problem.MEDIA_TYPE : type.toString(), answer.getEntity());
    }

    private static void writeJson(HttpServletResponse response, int status, String contentType, Object entity)
            throws IOException {
        byte[] json = ApiJson.MAPPER.writeValueAsBytes(entity);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
