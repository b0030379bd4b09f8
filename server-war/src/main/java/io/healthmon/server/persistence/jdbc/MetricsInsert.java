package io.healthmon.server.persistence.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One multi-row {@code insert ... values (...), (...) on conflict do nothing returning} of up to
 * {@value #MAX_ROWS} rows of the partitioned {@code metrics} table: its text, its parameters, and which
 * of its rows were new, matched back to the rows sent by server and timestamp.
 *
 * <p>Multi-row rather than a JDBC batch of single-row inserts: PostgreSQL then parses, plans and starts
 * its executor once per statement instead of once per row, which lowers its CPU per report
 * (docs/decisions/0010). The text is built for each group (cheap, against
 * holding up to 500 texts of up to 45 kB); pgjdbc keeps the texts met often prepared, within its own
 * bounded cache.
 */
final class MetricsInsert {

    /** Rows per statement: 500 rows bind 9,500 parameters, well inside the protocol's 65,535. */
    static final int MAX_ROWS = 500;

    private static final String COLUMNS = """
            insert into metrics (server_ref, collected_at, received_at, cpu_usage,
                memory_total, memory_used, memory_percentage, swap_total, swap_used, swap_percentage,
                load_1, load_5, load_15, uptime_seconds, disk_usage, failed_services, network,
                collection_errors, agent_version)
            values\s""";
    private static final String ROW_VALUES = "(?, " + EpochMicros.PARAMETER + ", " + EpochMicros.PARAMETER
            + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?)";
    private static final String ON_CONFLICT = " on conflict (server_ref, collected_at) do nothing returning server_ref, collected_at";

    private final List<MetricsRow> rows;
    /** When the group was received, in {@link EpochMicros}. */
    private final long received;
    /** Where this statement's rows start in the caller's list. */
    private final int offset;
    /** The first row of each key is the one that can be new; a later one in the list is a duplicate. */
    private final Map<Key, Integer> firstRowOfKey;

    /** What identifies a stored report: its server and its timestamp as stored (to the microsecond). */
    private record Key(long serverRef, Instant collectedAt) {
    }

    MetricsInsert(List<MetricsRow> rows, long received, int offset) {
        this.rows = rows;
        this.received = received;
        this.offset = offset;
        this.firstRowOfKey = new HashMap<>(rows.size() * 2);
    }

    String sql() {
        return sqlOf(rows.size());
    }

    static String sqlOf(int rows) {
        StringBuilder sql = new StringBuilder(COLUMNS.length() + rows * (ROW_VALUES.length() + 2) + ON_CONFLICT.length());
        sql.append(COLUMNS);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW_VALUES);
        }
        return sql.append(ON_CONFLICT).toString();
    }

    /** Binds the rows' parameters. */
    void bind(PreparedStatement s) throws SQLException {
        int parameter = 1;
        for (int i = 0; i < rows.size(); i++) {
            MetricsRow row = rows.get(i);
            long collected = EpochMicros.of(row.report().timestamp());
            firstRowOfKey.putIfAbsent(new Key(row.serverRef(), EpochMicros.toInstant(collected)), i);
            parameter = bindRow(s, parameter, row, collected, received);
        }
    }

    /** Marks in {@code stored} (indexed as the caller's list) the rows the statement returned as inserted. */
    void readInserted(ResultSet inserted, boolean[] stored) throws SQLException {
        while (inserted.next()) {
            Key key = new Key(inserted.getLong(1), ResultTimes.instant(inserted, 2));
            Integer i = firstRowOfKey.get(key);
            if (i == null) {
                throw new IllegalStateException("PostgreSQL reported storing " + key + ", which was not sent");
            }
            stored[offset + i] = true;
        }
    }

    private static int bindRow(PreparedStatement s, int first, MetricsRow row, long collected, long received)
            throws SQLException {
        var r = row.report();
        int i = first;
        s.setLong(i++, row.serverRef());
        s.setLong(i++, collected);
        s.setLong(i++, received);
        setDouble(s, i++, r.cpuUsage());
        setLong(s, i++, r.memory() == null ? null : r.memory().total());
        setLong(s, i++, r.memory() == null ? null : r.memory().used());
        setDouble(s, i++, r.memory() == null ? null : r.memory().percentage());
        setLong(s, i++, r.swap() == null ? null : r.swap().total());
        setLong(s, i++, r.swap() == null ? null : r.swap().used());
        setDouble(s, i++, r.swap() == null ? null : r.swap().percentage());
        setDouble(s, i++, r.loadAverage() == null ? null : r.loadAverage().oneMinute());
        setDouble(s, i++, r.loadAverage() == null ? null : r.loadAverage().fiveMinutes());
        setDouble(s, i++, r.loadAverage() == null ? null : r.loadAverage().fifteenMinutes());
        setLong(s, i++, r.uptime());
        s.setString(i++, row.diskUsageJson());
        s.setString(i++, row.failedServicesJson());
        s.setString(i++, row.networkJson());
        s.setString(i++, row.collectionErrorsJson());
        s.setString(i++, r.agentVersion());
        return i;
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
