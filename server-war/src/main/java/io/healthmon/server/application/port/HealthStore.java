package io.healthmon.server.application.port;

import io.healthmon.server.domain.ServerHealth;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The servers' health rows, locked for the caller's transaction while it judges them and written back
 * whole. Every writer of a health row locks it first, in server order, so that two transactions sharing
 * servers wait for each other instead of deadlocking, and one server's reports are judged one at a time.
 */
public interface HealthStore {

    /** The health of these servers, their rows locked for this transaction; by server ref. */
    Map<Long, ServerHealth> lockForUpdate(Collection<Long> serverRefs) throws SQLException;

    /**
     * The servers not Down (nor never seen) last heard from before {@code cutoff}, their rows locked for
     * this transaction. A row being written by a report right now is skipped: that server is not silent.
     */
    List<ServerHealth> lockSilentSince(Instant cutoff) throws SQLException;

    /**
     * Locks the server's health row for this transaction, as judging its reports does; returns the id
     * its agent reports as.
     */
    String lock(long serverRef) throws SQLException;

    /** Writes these values back to their rows, which this transaction holds locked. */
    void write(Collection<ServerHealth> rows) throws SQLException;
}
