package io.healthmon.server.application;

/** Ingestion has more requests waiting to be stored than it takes: the client is to come back later. */
public class IngestOverloadedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IngestOverloadedException(int waiting) {
        super("the server has " + waiting + " requests waiting to be stored; try again later");
    }
}
