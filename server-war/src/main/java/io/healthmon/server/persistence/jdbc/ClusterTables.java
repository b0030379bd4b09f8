package io.healthmon.server.persistence.jdbc;

import io.healthmon.server.application.port.ClusterLedger;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The cluster's two tables: each instance's heartbeat, and the leases on once-per-cluster duties.
 * Every time here is the database's ({@code now()}), so one clock judges every lease whatever the
 * instances' clocks say. Each call is its own statement, committed at once.
 */
@ApplicationScoped
public class ClusterTables implements ClusterLedger {

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    /** Records that the instance is alive, and when it started. */
    @Override
    public void heartbeat(String instance, String address, Instant startedAt) throws SQLException {
        update("insert into cluster_instances (name, address, started_at, last_heartbeat_at) values (?, ?, ?, now())"
                        + " on conflict (name) do update set address = excluded.address, started_at = excluded.started_at,"
                        + " last_heartbeat_at = excluded.last_heartbeat_at",
                instance, address, Timestamp.from(startedAt));
    }

    /** Forgets instances silent for longer than {@code after}, so the table does not grow with every name ever used. */
    @Override
    public void forgetInstancesSilentFor(Duration after) throws SQLException {
        update("delete from cluster_instances where last_heartbeat_at < now() - make_interval(secs => ?)",
                (double) after.toSeconds());
    }

    /**
     * Takes or renews the duty's lease for {@code holder}, when it is free, run out, or already this
     * holder's; answers until when it is held, or empty when another instance holds it.
     */
    @Override
    public Optional<Instant> hold(String duty, String holder, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into cluster_duties (duty, holder, held_until)"
                     + " values (?, ?, now() + make_interval(secs => ?))"
                     + " on conflict (duty) do update set holder = excluded.holder, held_until = excluded.held_until"
                     + " where cluster_duties.holder = excluded.holder or cluster_duties.held_until < now()"
                     + " returning held_until")) {
            s.setString(1, duty);
            s.setString(2, holder);
            s.setDouble(3, lease.toMillis() / 1000.0);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    /** Gives the duty up at once (a clean stop), so another instance need not wait for the lease to run out. */
    @Override
    public void release(String duty, String holder) throws SQLException {
        update("delete from cluster_duties where duty = ? and holder = ?", duty, holder);
    }

    @Override
    public List<DutyLease> duties() throws SQLException {
        return query("select duty, holder, held_until, held_until >= now() from cluster_duties order by duty",
                r -> new DutyLease(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getBoolean(4)));
    }

    @Override
    public List<InstanceHeartbeat> instances() throws SQLException {
        return query("select name, address, started_at, last_heartbeat_at from cluster_instances order by name",
                r -> new InstanceHeartbeat(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(),
                        r.getTimestamp(4).toInstant()));
    }

    private <T> List<T> query(String sql, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(row.read(r));
            }
        }
        return out;
    }

    /** One result row as a value. */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
