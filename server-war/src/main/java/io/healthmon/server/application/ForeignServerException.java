package io.healthmon.server.application;

/** A key tried to write a server other than its own. */
public class ForeignServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ForeignServerException(String keyServer, String reportServer) {
        super("this API key belongs to server '" + keyServer + "' and cannot write server '" + reportServer + "'");
    }
}
