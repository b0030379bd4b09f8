package io.healthmon.server.persistence.jdbc;

import io.healthmon.server.application.port.RollupStore;
import static io.healthmon.server.persistence.jdbc.NullableColumns.dbl;
import static io.healthmon.server.persistence.jdbc.NullableColumns.lng;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthmon.server.domain.HistoryLevel;
import io.healthmon.server.domain.RollupBucket;
import io.healthmon.server.domain.RollupWindow;
import io.healthmon.server.persistence.StoredJson;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The metrics rollups: rolling up a window of 5-minute buckets (and the hours they complete) with
 * the changelog's {@code healthmon_roll_up_metrics}, recording how far each level is rolled up, and
 * reading one server's buckets of a level. A run holds a transaction-scoped advisory lock, so runs of
 * two instances take turns instead of writing the same rows at once.
 */
@ApplicationScoped
public class MetricsRollups implements RollupStore {

    private static final String COLUMNS = "bucket, samples, " + String.join(", ", RollupBucket.METRICS.stream()
            .map(m -> m + "_n, " + m + "_sum, " + m + "_min, " + m + "_max").toList()) + ", uptime_max, disks, network";

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    @Override
    public Optional<RollupWindow> rollUp(Function<Optional<Instant>, Optional<RollupWindow>> plan, Duration maxGap)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<RollupWindow> window = rollUp(c, plan, maxGap);
                c.commit();
                return window;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static Optional<RollupWindow> rollUp(Connection c, Function<Optional<Instant>, Optional<RollupWindow>> plan,
            Duration maxGap) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(hashtext('healthmon-metrics-rollups'))")) {
            s.execute();
        }
        Optional<Instant> rolledUntil = Optional.empty();
        try (PreparedStatement s = c.prepareStatement("select rolled_until from metrics_rollup_progress where level = ?")) {
            s.setString(1, HistoryLevel.FIVE_MINUTES.label());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    rolledUntil = Optional.of(ResultTimes.instant(rs, 1));
                }
            }
        }
        Optional<RollupWindow> window = plan.apply(rolledUntil);
        if (window.isEmpty()) {
            return window;
        }
        try (PreparedStatement s = c.prepareStatement("select healthmon_roll_up_metrics(?, ?, make_interval(secs => ?))")) {
            s.setObject(1, ParameterTimes.utc(window.get().firstBucket()));
            s.setObject(2, ParameterTimes.utc(window.get().endBucket()));
            s.setDouble(3, maxGap.toSeconds());
            s.execute();
        }
        // Never backwards: an instance whose clock is behind leaves the other's progress as it is.
        try (PreparedStatement s = c.prepareStatement("insert into metrics_rollup_progress (level, rolled_until)"
                + " values (?, ?), (?, date_bin('1 hour', ?, timestamptz 'epoch')) on conflict (level) do update"
                + " set rolled_until = greatest(metrics_rollup_progress.rolled_until, excluded.rolled_until)")) {
            s.setString(1, HistoryLevel.FIVE_MINUTES.label());
            s.setObject(2, ParameterTimes.utc(window.get().endBucket()));
            s.setString(3, HistoryLevel.HOURLY.label());
            s.setObject(4, ParameterTimes.utc(window.get().endBucket()));
            s.executeUpdate();
        }
        return window;
    }

    @Override
    public List<RollupBucket> buckets(HistoryLevel level, long serverRef, Instant from, Instant to) throws SQLException {
        List<RollupBucket> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from " + table(level)
                     + " where server_ref = ? and bucket >= ? and bucket < ? order by bucket")) {
            s.setLong(1, serverRef);
            s.setObject(2, ParameterTimes.utc(from));
            s.setObject(3, ParameterTimes.utc(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(bucket(rs));
                }
            }
        }
        return out;
    }

    @Override
    public int deleteBefore(HistoryLevel level, Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from " + table(level) + " where bucket < ?")) {
            s.setObject(1, ParameterTimes.utc(cutoff));
            return s.executeUpdate();
        }
    }

    private static String table(HistoryLevel level) {
        return switch (level) {
            case FIVE_MINUTES -> "metrics_5m";
            case HOURLY -> "metrics_1h";
            case RAW -> throw new IllegalArgumentException("the reports are not a rollup level");
        };
    }

    private static RollupBucket bucket(ResultSet rs) throws SQLException {
        Map<String, RollupBucket.Totals> metrics = new LinkedHashMap<>();
        int column = 3;
        for (String name : RollupBucket.METRICS) {
            metrics.put(name, new RollupBucket.Totals(rs.getLong(column), dbl(rs, column + 1), dbl(rs, column + 2),
                    dbl(rs, column + 3)));
            column += 4;
        }
        Map<String, RollupBucket.DiskTotals> disks = new TreeMap<>();
        for (Map.Entry<String, JsonNode> d : fields(rs.getString(column + 1))) {
            JsonNode v = d.getValue();
            disks.put(d.getKey(), new RollupBucket.DiskTotals(v.path("n").asLong(), number(v, "sum"),
                    v.path("inodes_n").asLong(), number(v, "inodes_sum")));
        }
        Map<String, RollupBucket.TrafficTotals> network = new TreeMap<>();
        for (Map.Entry<String, JsonNode> n : fields(rs.getString(column + 2))) {
            JsonNode v = n.getValue();
            network.put(n.getKey(), new RollupBucket.TrafficTotals(number(v, "rx_bytes"), number(v, "rx_seconds"),
                    number(v, "tx_bytes"), number(v, "tx_seconds")));
        }
        return new RollupBucket(ResultTimes.instant(rs, 1), rs.getLong(2), metrics, lng(rs, column), disks, network);
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return StoredJson.MAPPER.readTree(json).properties();
        } catch (IOException e) {
            throw new IllegalStateException("a stored rollup's JSON is not valid", e);
        }
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }
}
