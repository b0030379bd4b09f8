package io.healthmon.server.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Asks the database for a valid connection, waiting at most a couple of seconds. */
@ApplicationScoped
public class DatabaseProbe {

    static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
