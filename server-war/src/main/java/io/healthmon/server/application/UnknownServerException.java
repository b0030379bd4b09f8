package io.healthmon.server.application;

/** An operator named a server (or key) that does not exist. */
public class UnknownServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownServerException(String message) {
        super(message);
    }
}
