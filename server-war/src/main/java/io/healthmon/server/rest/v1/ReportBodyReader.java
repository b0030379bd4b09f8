package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
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
        JsonNode tree;
        try {
            tree = ApiJson.MAPPER.readTree(in);
        } catch (JacksonException e) {
            throw new ProblemException(JsonProblemMapper.problem(e));
        }
        if (tree == null || tree.isMissingNode()) {
            throw invalid("(body)", "must be a report object or an array of reports");
        }
        if (tree.isObject()) {
            return new Body(List.of(convert(tree, "")), false);
        }
        if (!tree.isArray()) {
            throw invalid("(body)", "must be a report object or an array of reports");
        }
        if (tree.isEmpty() || tree.size() > Limits.MAX_BATCH) {
            throw invalid("(body)", "a batch must hold 1 to " + Limits.MAX_BATCH + " reports");
        }
        List<MetricsReport> reports = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            reports.add(convert(tree.get(i), "[" + i + "]"));
        }
        return new Body(reports, true);
    }

    private static MetricsReport convert(JsonNode node, String prefix) {
        if (!node.isObject()) {
            throw invalid(prefix.isEmpty() ? "(body)" : prefix, "must be a report object");
        }
        try {
            return REPORT.readValue(node);
        } catch (IOException e) {
            Problem p = e instanceof JacksonException j ? JsonProblemMapper.problem(j)
                    : Problem.of(Response.Status.BAD_REQUEST, "malformed-json", "unreadable report");
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
