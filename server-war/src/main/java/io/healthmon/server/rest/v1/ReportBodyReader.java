package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.healthmon.report.Limits;
import io.healthmon.report.MetricsReport;
import io.healthmon.server.application.Violation;
import io.healthmon.server.rest.ApiJson;
import io.healthmon.server.rest.problem.JsonProblemMapper;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the metrics body: one report or an array of them, optionally gzip-encoded, never more than
 * the configured bytes after decompression (413), so neither a huge body nor a zip bomb is buffered.
 */
final class ReportBodyReader {

    private static final ObjectReader REPORT = ApiJson.MAPPER.readerFor(MetricsReport.class);

    private ReportBodyReader() {
    }

    /** The reports of one request; {@code batch} when the body was an array (even of one). */
    record Body(List<MetricsReport> reports, boolean batch) {
    }

    static Body read(InputStream body, String contentEncoding, long contentLength, int maxBytes)
            throws IOException {
        if (contentLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        InputStream in = new BoundedInputStream(body, maxBytes);
        if (contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("gzip")) {
            in = new BoundedInputStream(new GZIPInputStream(in), maxBytes);
        } else if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            throw new ProblemException(Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-encoding",
                    "Content-Encoding must be gzip or absent"));
        }
        // One pass over the body, each report read straight from the stream: building a tree of the
        // whole body first and reading the reports out of it goes over every report twice
        // (docs/decisions/0004).
        try (JsonParser parser = ApiJson.MAPPER.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                return new Body(List.of(convert(parser, "")), false);
            }
            if (first != JsonToken.START_ARRAY) {
                throw invalid("(body)", "must be a report object or an array of reports");
            }
            List<MetricsReport> reports = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String prefix = "[" + reports.size() + "]";
                if (reports.size() == Limits.MAX_BATCH) {
                    throw batchSize();
                }
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw invalid(prefix, "must be a report object");
                }
                reports.add(convert(parser, prefix));
            }
            if (reports.isEmpty()) {
                throw batchSize();
            }
            return new Body(reports, true);
        } catch (StreamReadException e) {
            throw new ProblemException(JsonProblemMapper.problem(e)); // not JSON: said of the whole body
        }
    }

    /** The report whose object starts at the parser's current token. */
    private static MetricsReport convert(JsonParser parser, String prefix) throws IOException {
        try {
            return REPORT.readValue(parser);
        } catch (DatabindException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ProblemException tooLarge) {
                    throw tooLarge; // the body's limit, reached inside this report: databind wrapped it
                }
            }
            Problem p = JsonProblemMapper.problem(e);
            List<Violation> named = p.errors().stream()
                    .map(v -> new Violation(prefix + (prefix.isEmpty() || v.field().startsWith("(") ? "" : ".") + v.field(), v.rule()))
                    .toList();
            throw new ProblemException(p.withErrors(named));
        }
    }

    private static ProblemException invalid(String field, String rule) {
        return new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "invalid-report", "the body is not usable: " + rule)
                .withErrors(List.of(new Violation(field, rule))));
    }

    /** An empty batch, or one past {@link Limits#MAX_BATCH}. */
    private static ProblemException batchSize() {
        return invalid("(body)", "a batch must hold 1 to " + Limits.MAX_BATCH + " reports");
    }

    private static ProblemException tooLarge(int maxBytes) {
        return new ProblemException(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too-large",
                "the body is larger than " + maxBytes + " bytes; send fewer reports per request"));
    }

    /** Fails the read with 413 once more than the limit has come through. */
    private static final class BoundedInputStream extends FilterInputStream {
        private final int limit;
        private long count;

        BoundedInputStream(InputStream in, int limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
