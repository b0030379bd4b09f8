package io.healthmon.server.application.port;

import java.time.Instant;
import java.util.Optional;

/** The registered servers, by the id their agents report as: each has a ref, its row's key. */
public interface ServerDirectory {

    /** The ref of the server registered under {@code serverId}. */
    Optional<Long> refOf(String serverId);

    /**
     * Registers {@code serverId}, never seen yet as of {@code now}; empty when it is registered already
     * (a concurrent registration of the same id included).
     */
    Optional<Long> register(String serverId, Instant now);
}
