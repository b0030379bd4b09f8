package io.healthmon.server.persistence.jdbc;

import static io.healthmon.server.persistence.jdbc.NullableColumns.dbl;
import static io.healthmon.server.persistence.jdbc.NullableColumns.lng;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.server.application.port.MetricsHistoryReads;
import io.healthmon.server.domain.LatestUsage;
import io.healthmon.server.domain.MetricsHistory;
import io.healthmon.server.domain.NetworkRates;
import io.healthmon.server.domain.RollupBucket;
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
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads one server's metrics over a time range, raw or averaged into buckets, with each disk's used
 * and inode percentage by mountpoint and each interface's throughput ({@link NetworkRates}: from the
 * report before, or in a bucket the bytes of its valid intervals over their seconds). All use the
 * (server_ref, collected_at) key and only the partitions the range touches.
 */
@ApplicationScoped
public class MetricsHistoryRepository implements MetricsHistoryReads {

    private static final ObjectMapper JSON = StoredJson.MAPPER;

    private static final String RAW = """
            select collected_at, cpu_usage, memory_percentage, swap_percentage, load_1, load_5, load_15,
                   uptime_seconds, disk_usage, failed_services, network
            from metrics where server_ref = ? and collected_at >= ? and collected_at < ?
            order by collected_at limit ?
            """;

    /** The report before a range (within the longest interval a rate spans), for its first rates. */
    private static final String BEFORE = """
            select collected_at, uptime_seconds, network
            from metrics where server_ref = ? and collected_at >= ? and collected_at < ?
            order by collected_at desc limit 1
            """;

    /** The two newest reports up to a time, for a server's latest inode use and throughput. */
    private static final String NEWEST_TWO = """
            select collected_at, uptime_seconds, network, disk_usage
            from metrics where server_ref = ? and collected_at >= ? and collected_at < ?
            order by collected_at desc limit 2
            """;

    private static final String BUCKETED = """
            select to_timestamp(floor(extract(epoch from collected_at) / ?) * ?) as bucket,
                   avg(cpu_usage), max(cpu_usage), avg(memory_percentage), avg(swap_percentage),
                   avg(load_1), avg(load_5), avg(load_15), max(uptime_seconds), count(*),
                   min(cpu_usage), min(memory_percentage), max(memory_percentage), min(swap_percentage),
                   max(swap_percentage), min(load_1), max(load_1), min(load_5), max(load_5), min(load_15), max(load_15)
            from metrics where server_ref = ? and collected_at >= ? and collected_at < ?
            group by bucket order by bucket
            """;

    private static final String BUCKETED_DISKS = """
            select to_timestamp(floor(extract(epoch from m.collected_at) / ?) * ?) as bucket,
                   d ->> 'mountpoint', avg((d ->> 'percentage')::double precision),
                   avg((d ->> 'inodes_percentage')::double precision)
            from metrics m, jsonb_array_elements(coalesce(m.disk_usage, '[]'::jsonb)) d
            where m.server_ref = ? and m.collected_at >= ? and m.collected_at < ?
            group by 1, 2
            """;

    /*
     * Each interface's intervals as NetworkRates judges them, in SQL so that a month's reports are
     * summed where they lie: an interval is the step from the interface's previous report (looked for
     * from one longest interval before the range); it counts when it lasted more than 0 and at most
     * the longest interval, the host's uptime did not go down, and, for each direction, the counter
     * did not go down. It belongs to the bucket of the report that ends it.
     */
    private static final String BUCKETED_NETWORK = """
            with samples as (
                select m.collected_at, m.uptime_seconds, n ->> 'interface' as name,
                       (n ->> 'bytes_recv')::numeric as received, (n ->> 'bytes_sent')::numeric as sent
                from metrics m, jsonb_array_elements(coalesce(m.network, '[]'::jsonb)) n
                where m.server_ref = ? and m.collected_at >= ? and m.collected_at < ?
            ), steps as (
                select collected_at, name,
                       extract(epoch from collected_at - lag(collected_at) over w) as seconds,
                       uptime_seconds < lag(uptime_seconds) over w as rebooted,
                       received - lag(received) over w as received_delta,
                       sent - lag(sent) over w as sent_delta
                from samples
                window w as (partition by name order by collected_at)
            )
            select to_timestamp(floor(extract(epoch from collected_at) / ?) * ?) as bucket, name,
                   sum(received_delta) filter (where received_delta >= 0),
                   sum(seconds) filter (where received_delta >= 0),
                   sum(sent_delta) filter (where sent_delta >= 0),
                   sum(seconds) filter (where sent_delta >= 0)
            from steps
            where collected_at >= ? and seconds > 0 and seconds <= ? and rebooted is not true
            group by 1, 2
            """;

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    /**
     * Each report in the range; an interface's rate at a report is over the interval from its
     * report before, which for the first may lie up to {@code maxGap} before {@code from}.
     */
    @Override
    public List<MetricsHistory.Point> raw(long serverRef, Instant from, Instant to, int limit, Duration maxGap)
            throws SQLException {
        List<MetricsHistory.Point> points = new ArrayList<>();
        List<NetworkRates.Report> counters = new ArrayList<>();
        NetworkRates.Report before = null;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(BEFORE)) {
                s.setLong(1, serverRef);
                s.setObject(2, ParameterTimes.utc(from.minus(maxGap)));
                s.setObject(3, ParameterTimes.utc(from));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        before = counters(ResultTimes.instant(rs, 1), lng(rs, 2), rs.getString(3));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(RAW)) {
                s.setLong(1, serverRef);
                s.setObject(2, ParameterTimes.utc(from));
                s.setObject(3, ParameterTimes.utc(to));
                s.setInt(4, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Instant at = ResultTimes.instant(rs, 1);
                        String disks = rs.getString(9);
                        points.add(new MetricsHistory.Point(at,
                                dbl(rs, 2), null, dbl(rs, 3), dbl(rs, 4), dbl(rs, 5), dbl(rs, 6), dbl(rs, 7),
                                lng(rs, 8), disks(disks, "percentage"), failedServiceCount(rs.getString(10)), 1,
                                disks(disks, "inodes_percentage"), Map.of(), null, null));
                        counters.add(counters(at, lng(rs, 8), rs.getString(11)));
                    }
                }
            }
        }
        List<Map<String, NetworkRates.Rate>> rates = NetworkRates.series(before, counters, maxGap);
        List<MetricsHistory.Point> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            MetricsHistory.Point p = points.get(i);
            out.add(new MetricsHistory.Point(p.timestamp(), p.cpuUsage(), p.cpuMax(), p.memoryPercentage(),
                    p.swapPercentage(), p.load1(), p.load5(), p.load15(), p.uptime(), p.disks(), p.failedServices(),
                    p.samples(), p.inodes(), rates.get(i), null, null));
        }
        return out;
    }

    /**
     * The inode use of the newest report collected before {@code until}, and each interface's rate
     * from the report before it (none when that is more than {@code maxGap} older).
     */
    @Override
    public LatestUsage latest(long serverRef, Instant until, Duration maxGap) throws SQLException {
        List<NetworkRates.Report> newestFirst = new ArrayList<>(2);
        String newestDisks = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(NEWEST_TWO)) {
            s.setLong(1, serverRef);
            s.setObject(2, ParameterTimes.utc(until.minus(maxGap)));
            s.setObject(3, ParameterTimes.utc(until));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (newestFirst.isEmpty()) {
                        newestDisks = rs.getString(4);
                    }
                    newestFirst.add(counters(ResultTimes.instant(rs, 1), lng(rs, 2), rs.getString(3)));
                }
            }
        }
        if (newestFirst.isEmpty()) {
            return LatestUsage.NONE;
        }
        Map<String, NetworkRates.Rate> network = newestFirst.size() < 2 ? Map.of()
                : NetworkRates.series(newestFirst.get(1), List.of(newestFirst.get(0)), maxGap).get(0);
        return new LatestUsage(disks(newestDisks, "inodes_percentage"), network);
    }

    /** Averages over buckets; an interface's rate in a bucket is over its valid intervals ending there. */
    @Override
    public List<MetricsHistory.Point> bucketed(long serverRef, Instant from, Instant to, long bucketSeconds, Duration maxGap)
            throws SQLException {
        Map<Instant, Map<String, Double>> disks = new TreeMap<>();
        Map<Instant, Map<String, Double>> inodes = new TreeMap<>();
        Map<Instant, Map<String, NetworkRates.Rate>> network = new TreeMap<>();
        List<MetricsHistory.Point> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(BUCKETED_DISKS)) {
                bind(s, serverRef, from, to, bucketSeconds);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Instant bucket = ResultTimes.instant(rs, 1);
                        disks.computeIfAbsent(bucket, k -> new LinkedHashMap<>()).put(rs.getString(2), dbl(rs, 3));
                        Double inodeUse = dbl(rs, 4);
                        if (inodeUse != null) {
                            inodes.computeIfAbsent(bucket, k -> new LinkedHashMap<>()).put(rs.getString(2), inodeUse);
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(BUCKETED_NETWORK)) {
                s.setLong(1, serverRef);
                s.setObject(2, ParameterTimes.utc(from.minus(maxGap)));
                s.setObject(3, ParameterTimes.utc(to));
                s.setLong(4, bucketSeconds);
                s.setLong(5, bucketSeconds);
                s.setObject(6, ParameterTimes.utc(from));
                s.setDouble(7, maxGap.toNanos() / 1e9);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        NetworkRates.Rate rate = new NetworkRates.Rate(NetworkRates.average(dbl(rs, 3), dbl(rs, 4)),
                                NetworkRates.average(dbl(rs, 5), dbl(rs, 6)));
                        if (!rate.isEmpty()) {
                            network.computeIfAbsent(ResultTimes.instant(rs, 1), k -> new TreeMap<>()).put(rs.getString(2), rate);
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(BUCKETED)) {
                bind(s, serverRef, from, to, bucketSeconds);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Instant bucket = ResultTimes.instant(rs, 1);
                        points.add(new MetricsHistory.Point(bucket, dbl(rs, 2), dbl(rs, 3), dbl(rs, 4), dbl(rs, 5),
                                dbl(rs, 6), dbl(rs, 7), dbl(rs, 8), lng(rs, 9),
                                disks.getOrDefault(bucket, Map.of()), null, rs.getInt(10),
                                inodes.getOrDefault(bucket, Map.of()), network.getOrDefault(bucket, Map.of()),
                                extremes(rs, 11, 12), extremes(rs, 3, 13)));
                    }
                }
            }
        }
        return points;
    }

    /**
     * Each metric's minimum, or maximum, in a BUCKETED row by its API name: the CPU's in {@code cpuColumn},
     * the other metrics' every second column from {@code firstOther} (minimum and maximum alternate).
     */
    private static Map<String, Double> extremes(ResultSet rs, int cpuColumn, int firstOther) throws SQLException {
        Map<String, Double> out = new LinkedHashMap<>();
        putPresent(out, "cpu_usage", dbl(rs, cpuColumn));
        List<String> others = RollupBucket.METRICS.subList(1, RollupBucket.METRICS.size());
        for (int i = 0; i < others.size(); i++) {
            putPresent(out, others.get(i), dbl(rs, firstOther + 2 * i));
        }
        return out;
    }

    private static void putPresent(Map<String, Double> out, String name, Double value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    private static void bind(PreparedStatement s, long serverRef, Instant from, Instant to, long bucketSeconds)
            throws SQLException {
        s.setLong(1, bucketSeconds);
        s.setLong(2, bucketSeconds);
        s.setLong(3, serverRef);
        s.setObject(4, ParameterTimes.utc(from));
        s.setObject(5, ParameterTimes.utc(to));
    }


    /** Each disk's {@code field} (a percentage) by mountpoint, for the disks that have it. */
    private static Map<String, Double> disks(String json, String field) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        try {
            for (JsonNode disk : JSON.readTree(json)) {
                JsonNode value = disk.path(field);
                if (value.isNumber()) {
                    out.put(disk.path("mountpoint").asText(), value.asDouble());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored disk_usage is not valid JSON", e);
        }
        return out;
    }

    /** A report's interface counters as stored (the agent's {@code network} list). */
    private static NetworkRates.Report counters(Instant at, Long uptime, String json) {
        Map<String, NetworkRates.Counters> interfaces = new LinkedHashMap<>();
        if (json != null) {
            try {
                for (JsonNode nic : JSON.readTree(json)) {
                    JsonNode received = nic.path("bytes_recv");
                    JsonNode sent = nic.path("bytes_sent");
                    if (received.isNumber() && sent.isNumber()) {
                        interfaces.put(nic.path("interface").asText(), new NetworkRates.Counters(received.asLong(), sent.asLong()));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("stored network is not valid JSON", e);
            }
        }
        return new NetworkRates.Report(at, uptime, interfaces);
    }

    private static Integer failedServiceCount(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json).size();
        } catch (IOException e) {
            throw new IllegalStateException("stored failed_services is not valid JSON", e);
        }
    }

}
