package io.healthmon.server.application;

/** An operator named a silence that does not exist. */
public class UnknownSilenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownSilenceException(long id) {
        super("no silence " + id);
    }
}
