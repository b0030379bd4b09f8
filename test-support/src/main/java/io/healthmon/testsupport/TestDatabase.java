package io.healthmon.testsupport;

import io.healthmon.payara.DatabaseCoordinates;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The PostgreSQL the integration tests of this JVM share, started on first use and stopped when the
 * JVM exits. Chosen in this order: {@code HEALTHMON_TEST_DATABASE_URL} if set (any PostgreSQL the
 * operator points at), Testcontainers when a Docker engine answers, else an embedded PostgreSQL
 * (zonky) that needs nothing installed.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "HEALTHMON_TEST_DATABASE_URL";
    private static final Logger LOG = Logger.getLogger(TestDatabase.class.getName());

    private static TestDatabase instance;

    private final DatabaseCoordinates coordinates;
    private final String origin;

    private TestDatabase(DatabaseCoordinates coordinates, String origin) {
        this.coordinates = coordinates;
        this.origin = origin;
    }

    /** The shared database, started if need be. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            LOG.info(() -> "Integration tests use " + instance.origin + " PostgreSQL " + instance.coordinates);
        }
        return instance;
    }

    private static TestDatabase start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new TestDatabase(DatabaseCoordinates.parse(url), "the given (" + URL_VARIABLE + ")");
        }
        if (ContainerDatabase.dockerAvailable()) {
            return new TestDatabase(ContainerDatabase.start(), "a Testcontainers");
        }
        return new TestDatabase(EmbeddedDatabase.start(), "an embedded");
    }

    public DatabaseCoordinates coordinates() {
        return coordinates;
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(coordinates.jdbcUrl(), coordinates.user(), coordinates.password());
    }
}
