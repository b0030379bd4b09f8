package io.healthmon.server.rest.problem;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A {@code @Transactional} boundary that failed, most often a commit that lost its connection. It
 * must reach {@link UnexpectedExceptionMapper} (503 when the database went away, so the agent keeps
 * its report and retries; a replay of a report that did commit is only acknowledged as a duplicate).
 * Without this, Jersey's own mapper for this type takes it and the client gets an HTML 500.
 */
@Provider
@Priority(1)
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {

    @Override
    public Response toResponse(TransactionalException e) {
        return new UnexpectedExceptionMapper().toResponse(e);
    }
}
