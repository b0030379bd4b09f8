package io.healthmon.server.persistence.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.server.domain.MetricsHistory;
import io.healthmon.server.persistence.StoredJson;
import io.healthmon.server.persistence.jpa.UtcTimes;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads one server's metrics over a time range, raw or averaged into buckets, with each disk's used
 * percentage by mountpoint. Both use the (server_ref, collected_at) key and only the partitions the
 * range touches.
 */
@ApplicationScoped
public class MetricsHistoryRepository {

    private static final ObjectMapper JSON = StoredJson.MAPPER;

    private static final String RAW = """
            select collected_at, cpu_usage, memory_percentage, swap_percentage, load_1, load_5, load_15,
                   uptime_seconds, disk_usage, failed_services
            from metrics where server_ref = ? and collected_at >= ? and collected_at < ?
            order by collected_at limit ?
            """;

    private static final String BUCKETED = """
            select to_timestamp(floor(extract(epoch from collected_at) / ?) * ?) as bucket,
                   avg(cpu_usage), max(cpu_usage), avg(memory_percentage), avg(swap_percentage),
                   avg(load_1), avg(load_5), avg(load_15), max(uptime_seconds), count(*)
            from metrics where server_ref = ? and collected_at >= ? and collected_at < ?
            group by bucket order by bucket
            """;

    private static final String BUCKETED_DISKS = """
            select to_timestamp(floor(extract(epoch from m.collected_at) / ?) * ?) as bucket,
                   d ->> 'mountpoint', avg((d ->> 'percentage')::double precision)
            from metrics m, jsonb_array_elements(coalesce(m.disk_usage, '[]'::jsonb)) d
            where m.server_ref = ? and m.collected_at >= ? and m.collected_at < ?
            group by 1, 2
            """;

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    public List<MetricsHistory.Point> raw(long serverRef, Instant from, Instant to, int limit) throws SQLException {
        List<MetricsHistory.Point> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RAW)) {
            s.setLong(1, serverRef);
            s.setObject(2, UtcTimes.toUtc(from));
            s.setObject(3, UtcTimes.toUtc(to));
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    points.add(new MetricsHistory.Point(ResultTimes.instant(rs, 1),
                            dbl(rs, 2), null, dbl(rs, 3), dbl(rs, 4), dbl(rs, 5), dbl(rs, 6), dbl(rs, 7),
                            lng(rs, 8), disks(rs.getString(9)), failedServiceCount(rs.getString(10)), 1));
                }
            }
        }
        return points;
    }

    public List<MetricsHistory.Point> bucketed(long serverRef, Instant from, Instant to, long bucketSeconds) throws SQLException {
        Map<Instant, Map<String, Double>> disks = new TreeMap<>();
        List<MetricsHistory.Point> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(BUCKETED_DISKS)) {
                bind(s, serverRef, from, to, bucketSeconds);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        disks.computeIfAbsent(ResultTimes.instant(rs, 1), k -> new LinkedHashMap<>())
                                .put(rs.getString(2), dbl(rs, 3));
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
                                disks.getOrDefault(bucket, Map.of()), null, rs.getInt(10)));
                    }
                }
            }
        }
        return points;
    }

    private static void bind(PreparedStatement s, long serverRef, Instant from, Instant to, long bucketSeconds)
            throws SQLException {
        s.setLong(1, bucketSeconds);
        s.setLong(2, bucketSeconds);
        s.setLong(3, serverRef);
        s.setObject(4, UtcTimes.toUtc(from));
        s.setObject(5, UtcTimes.toUtc(to));
    }

    private static Double dbl(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Long lng(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Map<String, Double> disks(String json) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        try {
            for (JsonNode disk : JSON.readTree(json)) {
                out.put(disk.path("mountpoint").asText(), disk.path("percentage").asDouble());
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored disk_usage is not valid JSON", e);
        }
        return out;
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
