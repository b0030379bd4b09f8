package io.healthmon.server.rest.v1;

import io.healthmon.server.application.ReportResult;
import io.healthmon.server.application.Violation;
import io.healthmon.server.rest.problem.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The push's 400 when the only report, or every report of a batch, is invalid: one home for its shape,
 * as the servlet and its reference ({@link ReferenceMetricsResource}) must answer it alike.
 */
final class InvalidReportsProblem {

    private InvalidReportsProblem() {
    }

    static Problem of(List<ReportResult> results, boolean batch) {
        String detail = batch ? "every report of the batch is invalid" : "the report is invalid";
        return Problem.of(Response.Status.BAD_REQUEST, "invalid-report", detail).withErrors(violations(results, batch));
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
