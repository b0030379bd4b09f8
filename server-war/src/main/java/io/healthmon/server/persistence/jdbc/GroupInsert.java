package io.healthmon.server.persistence.jdbc;

import io.healthmon.server.persistence.jpa.HealthStatusEntity;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * An ingest group's first round trip to PostgreSQL, in the caller's transaction: its metrics rows
 * inserted ({@link MetricsInsert}), the health rows of their servers locked and read ({@link HealthRows#LOCK}),
 * and which of those servers have an open alert. Three statements sent together and answered
 * together: the group's chain of statements is what bounds ingestion (one group is stored at a time),
 * and each round trip in it costs a wake-up of the writer and of its PostgreSQL backend on a machine
 * whose cores are busy with requests. Knowing which servers have open alerts lets a group of healthy
 * servers skip the query that reads them as entities.
 *
 * <p>Each statement sees what committed before it started (PostgreSQL's read committed takes a
 * snapshot per statement, also within one round trip), so the open alerts are read after the locks
 * are held, as when they were asked for on their own.
 */
@ApplicationScoped
public class GroupInsert {

    private static final String SERVERS_WITH_OPEN_ALERTS =
            "select distinct server_ref from alerts where server_ref = any (?) and state = 'OPEN'";

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    /**
     * What the round trip found: {@code stored[i]} is false when a report of that server with that
     * timestamp was already stored (or is earlier in the same list); the servers' health rows, locked
     * for this transaction, by server; and the servers among them with an open alert.
     */
    public record Result(boolean[] stored, Map<Long, HealthStatusEntity> healthRows, Set<Long> serversWithOpenAlerts) {
    }

    /**
     * Stores the rows (at least one) and locks their servers' health rows, in server order: all of
     * them, since which reports are new is known only from the insert's answer; a server whose reports
     * all turn out to be replays has its row locked until the commit and left as it was.
     */
    public Result insertAndLock(List<MetricsRow> rows, Instant receivedAt) throws SQLException {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a group stores at least one report");
        }
        boolean[] stored = new boolean[rows.size()];
        long received = EpochMicros.of(receivedAt);
        try (Connection c = dataSource.getConnection()) {
            // A group larger than one statement's rows sends the rest first, each on its own.
            int last = (rows.size() - 1) / MetricsInsert.MAX_ROWS * MetricsInsert.MAX_ROWS;
            for (int from = 0; from < last; from += MetricsInsert.MAX_ROWS) {
                insert(c, new MetricsInsert(rows.subList(from, from + MetricsInsert.MAX_ROWS), received, from), stored);
            }
            MetricsInsert insert = new MetricsInsert(rows.subList(last, rows.size()), received, last);
            Array servers = c.createArrayOf("bigint", rows.stream().map(MetricsRow::serverRef).distinct().toArray(Long[]::new));
            try (PreparedStatement s = c.prepareStatement(insert.sql() + ";\n" + HealthRows.LOCK + ";\n" + SERVERS_WITH_OPEN_ALERTS)) {
                int parameter = insert.bind(s, 1);
                s.setArray(parameter++, servers);
                s.setArray(parameter, servers);
                s.execute();
                try (ResultSet inserted = nextResult(s, "the insert", false)) {
                    insert.readInserted(inserted, stored);
                }
                Map<Long, HealthStatusEntity> healthRows;
                try (ResultSet locked = nextResult(s, "the health rows", true)) {
                    healthRows = HealthRows.readLocked(locked);
                }
                Set<Long> withOpenAlerts = new HashSet<>();
                try (ResultSet alerting = nextResult(s, "the servers with open alerts", true)) {
                    while (alerting.next()) {
                        withOpenAlerts.add(alerting.getLong(1));
                    }
                }
                return new Result(stored, healthRows, withOpenAlerts);
            }
        }
    }

    private static void insert(Connection c, MetricsInsert insert, boolean[] stored) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(insert.sql())) {
            insert.bind(s, 1);
            try (ResultSet inserted = s.executeQuery()) {
                insert.readInserted(inserted, stored);
            }
        }
    }

    /** The statement's next result, which must be rows. */
    private static ResultSet nextResult(PreparedStatement s, String what, boolean advance) throws SQLException {
        if (advance && !s.getMoreResults()) {
            throw new IllegalStateException("PostgreSQL answered " + what + " without rows");
        }
        ResultSet rows = s.getResultSet();
        if (rows == null) {
            throw new IllegalStateException("PostgreSQL answered " + what + " without rows");
        }
        return rows;
    }
}
