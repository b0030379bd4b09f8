package io.healthmon.server.persistence.jdbc;

import io.healthmon.server.application.port.DiskTrendReads;
import io.healthmon.server.domain.DiskTrend;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Each disk's use since a time, fitted by least squares in PostgreSQL ({@code regr_avgx},
 * {@code regr_sxx}... over the reports' times in seconds from the time of the fit): one row per server
 * and mountpoint leaves the database, however many reports the window holds. The range reads only the
 * partitions it touches; one server's fit uses the (server_ref, collected_at) key.
 */
@ApplicationScoped
public class DiskTrendRepository implements DiskTrendReads {

    private static final String FIT = """
            select m.server_ref, d ->> 'mountpoint', regr_count(v.percent, v.seconds),
                   regr_avgx(v.percent, v.seconds), regr_avgy(v.percent, v.seconds),
                   regr_sxx(v.percent, v.seconds), regr_sxy(v.percent, v.seconds)
            from metrics m
            cross join lateral jsonb_array_elements(coalesce(m.disk_usage, '[]'::jsonb)) d
            cross join lateral (select (d ->> 'percentage')::double precision as percent,
                                       extract(epoch from m.collected_at)::double precision - ? as seconds) v
            where m.collected_at >= ? %s
            group by 1, 2
            """;

    private static final String FLEET = FIT.formatted("");
    private static final String ONE_SERVER = FIT.formatted("and m.server_ref = ?");

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    @Override
    public Map<Long, List<DiskTrend>> fleet(Instant since, Instant now) throws SQLException {
        Map<Long, List<DiskTrend>> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FLEET)) {
            bind(s, since, now);
            read(s, out);
        }
        return out;
    }

    /** One server's disks reported since {@code since}, fitted with x in seconds from {@code now}. */
    @Override
    public List<DiskTrend> server(long serverRef, Instant since, Instant now) throws SQLException {
        Map<Long, List<DiskTrend>> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ONE_SERVER)) {
            bind(s, since, now);
            s.setLong(3, serverRef);
            read(s, out);
        }
        return out.getOrDefault(serverRef, List.of());
    }

    private static void bind(PreparedStatement s, Instant since, Instant now) throws SQLException {
        s.setDouble(1, now.getEpochSecond() + now.getNano() / 1e9);
        s.setObject(2, ParameterTimes.utc(since));
    }

    private static void read(PreparedStatement s, Map<Long, List<DiskTrend>> out) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), ref -> new ArrayList<>()).add(new DiskTrend(rs.getString(2),
                        rs.getLong(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)));
            }
        }
    }
}
