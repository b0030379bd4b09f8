package io.healthmon.server.application;

import io.healthmon.server.application.port.AlertHistoryReads;
import io.healthmon.server.application.port.DiskTrendReads;
import io.healthmon.server.application.port.FleetSnapshotReads;
import io.healthmon.server.application.port.MetricsHistoryReads;
import io.healthmon.server.application.port.RollupStore;
import io.healthmon.server.application.port.ServerHealthReads;
import io.healthmon.server.application.port.SilenceStore;
import io.healthmon.server.config.AlertRulesConfig;
import io.healthmon.server.config.HistoryConfig;
import io.healthmon.server.domain.AlertHistory;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.DiskForecastRules;
import io.healthmon.server.domain.LatestUsage;
import io.healthmon.server.domain.MetricsHistory;
import io.healthmon.server.domain.RollupBucket;
import io.healthmon.server.domain.ServerHealth;
import io.healthmon.server.domain.ServerSnapshot;
import io.healthmon.server.domain.Silences;
import io.healthmon.server.failure.DatabaseOutage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The operators' read side: the fleet, one server, one server's history. A read that finds the
 * database unreachable is tried again (MicroProfile Fault Tolerance {@code @Retry}): a connection the
 * pool handed out just as PostgreSQL restarted fails once and the next one works, so the operator
 * sees an answer rather than a 503. Reads change nothing, so trying again is always safe.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
@Retry(retryOn = DatabaseUnavailableException.class, maxRetries = 2, delay = 200, jitter = 100, maxDuration = 3000)
public class FleetQueries {

    /** At most this many points in one history answer; longer ranges are averaged into buckets. */
    public static final int MAX_POINTS = 720;

    /**
     * The longest interval between two reports that still gives a throughput: a few missed reports at
     * the agents' usual 1 to 5 minute intervals; across a longer silence (agent stopped, host down)
     * the average says nothing about what the interface carried, so that interval has no rate.
     */
    public static final Duration MAX_RATE_INTERVAL = Duration.ofMinutes(15);

    @Inject
    ServerHealthReads servers;

    @Inject
    MetricsHistoryReads history;

    @Inject
    AlertHistoryReads alerts;

    @Inject
    FleetSnapshotReads snapshots;

    @Inject
    SilenceStore silences;

    @Inject
    RollupStore rollups;

    @Inject
    HistoryConfig historyConfig;

    @Inject
    DiskTrendReads trends;

    @Inject
    AlertRulesConfig rulesConfig;

    @Inject
    Clock clock;

    public Page<ServerHealth> servers(int offset, int limit) {
        return reading(() -> new Page<>(servers.count(), offset, limit,
                servers.page(offset, limit)));
    }

    public ServerHealth server(String serverId) {
        return reading(() -> servers.find(serverId))
                .orElseThrow(() -> new UnknownServerException("no server " + serverId));
    }

    /**
     * One server with its newest report's inode use and each interface's throughput since the report
     * before: one more read, of at most two rows by the (server, time) key, so only for one server's
     * page, not the fleet's list.
     */
    public ServerDetail serverDetail(String serverId) throws SQLException {
        ServerHealth server = server(serverId);
        if (server.latest() == null) {
            return new ServerDetail(server, LatestUsage.NONE, Map.of());
        }
        // Up to just after the newest report the health row names: the same instant, to the microsecond.
        LatestUsage usage = readingSql(() -> history.latest(server.serverRef(),
                server.latest().collectedAt().plusMillis(1), MAX_RATE_INTERVAL));
        return new ServerDetail(server, usage, diskFullAt(server.serverRef()));
    }

    /**
     * When each disk reported within the forecast window is forecast to be full, null where it is not
     * filling or the window holds too few of its reports: the same fit as the DISK_FILLING rule, for
     * one server by its (server, time) key.
     */
    private Map<String, Instant> diskFullAt(long serverRef) throws SQLException {
        Instant now = clock.instant();
        DiskForecastRules rules = rulesConfig.diskForecast();
        Map<String, Instant> fullAt = new TreeMap<>();
        readingSql(() -> trends.server(serverRef, now.minus(rules.window()), now))
                .forEach(trend -> fullAt.put(trend.mountpoint(), rules.fullAt(trend, now)));
        return fullAt;
    }

    /**
     * A server, what its newest report says beyond the health row, and when each disk is forecast to
     * be full (by mountpoint; a null value where there is no such forecast).
     */
    public record ServerDetail(ServerHealth health, LatestUsage usage, Map<String, Instant> diskFullAt) {
    }

    /**
     * Alerts, newest first, each with its webhook deliveries and the silences covering it now;
     * {@code state} (OPEN, RESOLVED) and {@code serverId} may be null.
     */
    public Page<AlertHistory> alerts(String state, String serverId, int offset, int limit) {
        return reading(() -> {
            List<AlertHistory> page = alerts.page(state, serverId, offset, limit);
            Instant now = clock.instant();
            Silences active = silences.activeAt(now);
            return new Page<>(alerts.count(state, serverId), offset, limit, page.stream()
                    .map(a -> a.silencedBy(active.covering(a.serverId(), AlertKind.valueOf(a.kind()), a.subject(), now)))
                    .toList());
        });
    }

    /**
     * Raw reports when the range holds few enough, else averages over equal buckets, read from the
     * reports or their rollups as {@link HistoryBuckets#plan} chooses. A rollup level answers the
     * buckets rolled up so far (the newest completed ones appear within the rollup job's interval).
     */
    public MetricsHistory history(String serverId, Instant from, Instant to, Duration expectedInterval) throws SQLException {
        ServerHealth server = server(serverId);
        long expectedPoints = Duration.between(from, to).toSeconds() / Math.max(1, expectedInterval.toSeconds());
        HistoryBuckets.Plan plan = HistoryBuckets.plan(from, to, clock.instant(), expectedPoints, MAX_POINTS,
                historyConfig.rawRetention(), historyConfig.fiveMinuteRetention());
        long bucket = plan.bucketSeconds();
        List<MetricsHistory.Point> points = switch (plan.level()) {
            case RAW -> bucket == 0
                    ? readingSql(() -> history.raw(server.serverRef(), from, to, MAX_POINTS * 4, MAX_RATE_INTERVAL))
                    : readingSql(() -> history.bucketed(server.serverRef(), from, to, bucket, MAX_RATE_INTERVAL));
            case FIVE_MINUTES, HOURLY -> {
                long width = plan.level().bucketSeconds();
                Instant first = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), width) * width);
                yield RollupBucket.points(readingSql(() -> rollups.buckets(plan.level(), server.serverRef(), first, to)), bucket);
            }
        };
        return new MetricsHistory(serverId, from, to, plan.level(), bucket, points);
    }

    /** Every server's newest values, ordered by server id: the fleet as Prometheus scrapes it. */
    public List<ServerSnapshot> snapshot() throws SQLException {
        return readingSql(snapshots::snapshot);
    }

    /** A JDBC read of its own; a database that cannot be reached becomes {@link DatabaseUnavailableException}, to retry. */
    private static <T> T readingSql(SqlRead<T> read) throws SQLException {
        try {
            return read.get();
        } catch (SQLException e) {
            if (DatabaseOutage.isCause(e)) {
                throw new DatabaseUnavailableException(e);
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface SqlRead<T> {
        T get() throws SQLException;
    }

    /** Runs a read; a database that cannot be reached becomes {@link DatabaseUnavailableException}, to retry. */
    private static <T> T reading(Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            if (DatabaseOutage.isCause(e)) {
                throw new DatabaseUnavailableException(e);
            }
            throw e;
        }
    }

    public record Page<T>(long total, int offset, int limit, List<T> items) {
    }
}
