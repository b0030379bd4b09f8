package io.healthmon.server.rest.problem;

import jakarta.ws.rs.WebApplicationException;

/** Ends a request with a problem document; thrown by resources and filters. */
public class ProblemException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public ProblemException(Problem problem) {
        super(problem.detail(), problem.toResponse());
    }

    public ProblemException(jakarta.ws.rs.core.Response response) {
        super(response);
    }
}
