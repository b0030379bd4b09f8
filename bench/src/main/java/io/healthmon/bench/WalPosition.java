package io.healthmon.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;

/** PostgreSQL's write-ahead log position in bytes: two readings give the WAL written between them. */
final class WalPosition {

    private WalPosition() {
    }

    static OptionalLong of(Optional<String> database) {
        if (database.isEmpty()) {
            return OptionalLong.empty();
        }
        try (Connection c = DriverManager.getConnection(database.get());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint")) {
            r.next();
            return OptionalLong.of(r.getLong(1));
        } catch (SQLException e) {
            System.out.println("(WAL position not read: " + e.getMessage() + ")");
            return OptionalLong.empty();
        }
    }
}
