package io.healthmon.server.application.port;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's shared record in the database: each instance's heartbeat, and the leases on
 * once-per-cluster duties. Every time is judged by the database's clock, so one clock decides every
 * lease whatever the instances' clocks say. Each call commits at once.
 */
public interface ClusterLedger {

    /** A duty's lease: who holds it, until when, and whether that is still ahead by the database's clock. */
    record DutyLease(String duty, String holder, Instant heldUntil, boolean current) {
    }

    /** An instance as its last heartbeat recorded it. */
    record InstanceHeartbeat(String name, String address, Instant startedAt, Instant lastHeartbeatAt) {
    }

    /** Records that the instance is alive, and when it started. */
    void heartbeat(String instance, String address, Instant startedAt) throws SQLException;

    /** Forgets the instances whose last heartbeat is older than {@code after}. */
    void forgetInstancesSilentFor(Duration after) throws SQLException;

    /**
     * Takes or renews the duty's lease for {@code lease} if it is free, run out, or already the
     * holder's; when it is the holder's afterwards, until when.
     */
    Optional<Instant> hold(String duty, String holder, Duration lease) throws SQLException;

    /** Gives the duty up, if the holder holds it. */
    void release(String duty, String holder) throws SQLException;

    List<DutyLease> duties() throws SQLException;

    List<InstanceHeartbeat> instances() throws SQLException;
}
