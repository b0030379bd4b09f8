package io.healthmon.server.application.port;

import io.healthmon.server.domain.ServerHealth;
import java.util.List;
import java.util.Optional;

/** The servers' health rows as operators read them: every registered server has one. */
public interface ServerHealthReads {

    /** How many servers are registered. */
    long count();

    /** One page of the servers' health, ordered by server id. */
    List<ServerHealth> page(int offset, int limit);

    /** The health of the server registered under {@code serverId}; empty when there is no such server. */
    Optional<ServerHealth> find(String serverId);
}
