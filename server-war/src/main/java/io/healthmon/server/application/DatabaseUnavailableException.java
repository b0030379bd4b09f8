package io.healthmon.server.application;

/**
 * A read could not reach the database (connection refused or broken, the pool empty): worth one more
 * try a moment later, and answered 503 with Retry-After if that fails too. Keeps the database's own
 * exception, if there was one, as its cause.
 */
public class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(Throwable cause) {
        super("the database is unavailable: " + cause.getMessage(), cause);
    }

    /** The database was not reached at all, for the reason given. */
    public DatabaseUnavailableException(String reason) {
        super("the database is unavailable: " + reason);
    }
}
