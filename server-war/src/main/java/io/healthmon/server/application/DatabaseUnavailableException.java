package io.healthmon.server.application;

/**
 * A read could not reach the database (connection refused or broken, the pool empty): worth one more
 * try a moment later, and answered 503 with Retry-After if that fails too. Keeps the database's own
 * exception as its cause.
 */
public class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(RuntimeException cause) {
        super("the database is unavailable: " + cause.getMessage(), cause);
    }
}
