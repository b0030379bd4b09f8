package io.healthmon.server.rest.problem;

import io.healthmon.server.application.DatabaseUnavailableException;
import io.healthmon.server.application.ForeignServerException;
import io.healthmon.server.application.IngestOverloadedException;
import io.healthmon.server.application.ServerAlreadyRegisteredException;
import io.healthmon.server.application.UnknownServerException;
import io.healthmon.server.failure.DatabaseOutage;
import io.healthmon.server.logging.ThrottledLog;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything else. A database outage (seen anywhere in the cause chain, however the container wrapped
 * it) becomes 503 with Retry-After, so agents keep their reports and try again; the application's own
 * exceptions, wrapped by a transaction boundary, reach their own mapping; anything else is a 500 whose
 * body says only an incident id, logged with the full cause.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    static final int RETRY_AFTER_SECONDS = 10;
    static final int OVERLOADED_RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    /** Every request during an outage ends here: one line a minute says so, with how many were answered. */
    private static final ThrottledLog OUTAGE_LOG = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WebApplicationException w) {
                return new WebApplicationExceptionMapper().toResponse(w);
            }
            if (t instanceof ForeignServerException f) {
                return new ApplicationExceptionMappers.ForeignServer().toResponse(f);
            }
            if (t instanceof ServerAlreadyRegisteredException r) {
                return new ApplicationExceptionMappers.AlreadyRegistered().toResponse(r);
            }
            if (t instanceof UnknownServerException u) {
                return new ApplicationExceptionMappers.UnknownServer().toResponse(u);
            }
            if (t instanceof DatabaseUnavailableException) {
                return databaseUnavailable(e);
            }
            if (t instanceof IngestOverloadedException o) {
                return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "overloaded", o.getMessage())
                        .response().header("Retry-After", OVERLOADED_RETRY_AFTER_SECONDS).build();
            }
            if (t instanceof com.fasterxml.jackson.core.JacksonException j) {
                return JsonProblemMapper.problem(j).toResponse();
            }
        }
        if (DatabaseOutage.isCause(e)) {
            return databaseUnavailable(e);
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "an unexpected error occurred; incident " + incident + " is in the server log").toResponse();
    }

    private static Response databaseUnavailable(Throwable e) {
        OUTAGE_LOG.warning("database", () -> "Database unavailable; answering 503 (Retry-After " + RETRY_AFTER_SECONDS
                + " s). Cause: " + DatabaseOutage.describe(e));
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "database-unavailable",
                        "the database is unavailable; try again later")
                .response().header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
