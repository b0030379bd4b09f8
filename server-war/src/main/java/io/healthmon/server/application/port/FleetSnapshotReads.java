package io.healthmon.server.application.port;

import io.healthmon.server.domain.ServerSnapshot;
import java.sql.SQLException;
import java.util.List;

/** Every server's newest values at once, for the fleet's metrics. */
public interface FleetSnapshotReads {

    /** One snapshot per registered server, ordered by server id, with its open alerts counted by kind. */
    List<ServerSnapshot> snapshot() throws SQLException;
}
