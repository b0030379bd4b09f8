package io.healthmon.server.application.port;

/**
 * Whether the database schema has been applied in this run: until then nothing that reads or writes
 * the tables runs (duties, timers, readiness).
 */
public interface SchemaState {

    /** Fired once the changelog is applied, so maintenance can start. */
    record Applied() {
    }

    /** True once the changelog has been applied in this run. */
    boolean isApplied();

    /** True once the first attempt has finished, whatever its outcome. */
    boolean isAttempted();
}
