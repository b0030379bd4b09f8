package io.healthmon.launcher;

import io.healthmon.payara.DatabaseCoordinates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL run by the launcher itself from the binaries on its class path (no Docker, nothing
 * installed), with its data in {@code <data-dir>/pgdata} so history survives restarts. It listens on
 * loopback only and the healthmon database has a generated password.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "healthmon";
    static final String USER = "healthmon";

    private final EmbeddedPostgres postgres;
    private final DatabaseCoordinates coordinates;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseCoordinates coordinates) {
        this.postgres = postgres;
        this.coordinates = coordinates;
    }

    static EmbeddedDatabase start(Path dataDir, String password, Path log) throws IOException, SQLException {
        Path pgData = dataDir.resolve("pgdata");
        Files.createDirectories(pgData);
        Files.createDirectories(log.getParent());
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(freePort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", sharedBuffers(physicalMemoryBytes()))
                // zonky turns these off for test speed; an operator's history must survive a power cut.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(toLog)
                .setErrorRedirector(toLog)
                // The launcher stops it (HealthmonLauncher.stopAll). zonky's own hook would be added after
                // PostgreSQL has started, which fails when Ctrl-C came during the start, leaving it running.
                .setRegisterShutdownHook(false)
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            ensureUserAndDatabase(c, password);
        } catch (SQLException | RuntimeException e) {
            postgres.close(); // nobody else holds it yet
            throw e;
        }
        return new EmbeddedDatabase(postgres,
                new DatabaseCoordinates("127.0.0.1", postgres.getPort(), DATABASE, USER, password));
    }

    /**
     * PostgreSQL's cache: an eighth of the machine's memory, at least PostgreSQL's own default of 128 MB and
     * at most 1 GB (Payara Micro beside it takes up to 768 MB of heap). With the default, under the ingest
     * benchmark, the database evicted 0.6 buffers and read 0.6 pages back from the kernel's cache per report
     * stored (pg_stat_io; docs/performance.md).
     */
    static String sharedBuffers(long physicalMemoryBytes) {
        long megabytes = physicalMemoryBytes / 8 / (1024 * 1024);
        return Math.max(128, Math.min(1024, megabytes)) + "MB";
    }

    /** The memory the JVM sees: the machine's, or the container's limit. */
    private static long physicalMemoryBytes() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }

    DatabaseCoordinates coordinates() {
        return coordinates;
    }

    private static void ensureUserAndDatabase(Connection c, String password) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", USER)) {
                s.execute("create role " + USER + " login");
            }
            // The password is generated base64url text, so it is safe inside a literal.
            s.execute("alter role " + USER + " with password '" + password + "'");
            if (!exists(c, "select 1 from pg_database where datname = ?", DATABASE)) {
                s.execute("create database " + DATABASE + " owner " + USER);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
