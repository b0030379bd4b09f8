package io.healthmon.server.rest.v1;

import io.healthmon.server.application.Violation;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Checks of the read API's query parameters, each failure a 400 naming the parameter. */
final class QueryParameters {

    static final int MAX_PAGE = 500;

    private QueryParameters() {
    }

    static void checkPage(int offset, int limit) {
        if (offset < 0) {
            throw invalid("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw invalid("limit", "must be 1 to " + MAX_PAGE);
        }
    }

    static ProblemException invalid(String name, String rule) {
        return new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "invalid-parameter",
                "query parameter " + name + " " + rule).withErrors(List.of(new Violation(name, rule))));
    }
}
