package io.healthmon.server.application.port;

import io.healthmon.server.domain.ThresholdOverrides;

/**
 * The per-server thresholds operators set. Every report needs its server's, so an implementation may
 * keep a copy for a few seconds ({@link #find}); a change made here drops it when it commits, and
 * {@link #forgetCopy} drops it when another instance made the change.
 */
public interface ThresholdStore {

    /** The server's thresholds as stored now, for the API. */
    ThresholdOverrides read(long serverRef);

    /** The server's thresholds, possibly from the copy. */
    ThresholdOverrides find(long serverRef);

    /** Replaces every override of the server with {@code overrides}. */
    void replace(long serverRef, ThresholdOverrides overrides);

    /** Drops the copy: the next report reads the thresholds again. */
    void forgetCopy();
}
