package io.healthmon.server.persistence.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A column's value, or null where SQL has NULL (JDBC's primitive getters answer 0 there). */
final class NullableColumns {

    private NullableColumns() {
    }

    static Double dbl(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static Long lng(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
