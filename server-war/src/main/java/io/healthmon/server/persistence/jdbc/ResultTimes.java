package io.healthmon.server.persistence.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A {@code timestamptz} column read as an instant. Through {@code getTimestamp}, not
 * {@code getObject(column, OffsetDateTime.class)}: Payara's JDBC wrapper calls the JDBC 4.1
 * {@code getObject} by reflection, looking the method up again on every call, on the ingest
 * writers' chain (docs/decisions/0008). For a {@code timestamptz} the driver's
 * {@code Timestamp} is the same instant, to the microsecond, whatever the JVM's time zone (checked
 * against {@code getObject} in five zones, text and binary transfer), for any time after 1582:
 * {@code Timestamp}'s calendar is Julian before that, and nothing stored here is that old.
 */
final class ResultTimes {

    private ResultTimes() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getTimestamp(column));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return instant(rs.getTimestamp(column));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
