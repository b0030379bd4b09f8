package io.healthmon.payara;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders the asadmin post-boot commands that give Payara the {@code jdbc/healthmon} resource for a
 * database. The pool validates a connection before handing it out (at most every two seconds) and
 * gives up waiting after a few seconds, so a database outage turns into quick 503s and the pool heals
 * by itself when it returns. It traces no JDBC call unless an operator turns on slow-query logging or
 * request tracing.
 */
public final class PostBootCommands {

    public static final String POOL_NAME = "healthmon-pool";
    public static final String RESOURCE_NAME = "jdbc/healthmon";
    static final int VALIDATE_AT_MOST_EVERY_SECONDS = 2;

    private PostBootCommands() {
    }

    /** The command lines, in order. */
    public static List<String> forDatabase(DatabaseCoordinates db, PoolSizing sizing) {
        String properties = String.join(":",
                "serverName=" + escape(db.host()),
                "portNumber=" + db.port(),
                "databaseName=" + escape(db.database()),
                "user=" + escape(db.user()),
                "password=" + escape(db.password()),
                // Seconds: fail fast when the database is unreachable rather than hold a request thread.
                "connectTimeout=5",
                "socketTimeout=60",
                "tcpKeepAlive=true",
                "ApplicationName=healthmon");
        return List.of(
                "create-jdbc-connection-pool"
                        + " --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
                        + " --restype javax.sql.DataSource"
                        + " --steadypoolsize " + sizing.steady()
                        + " --maxpoolsize " + sizing.max()
                        + " --maxwait " + sizing.maxWaitMillis()
                        + " --isconnectvalidatereq true"
                        // At most once per connection every VALIDATE_AT_MOST_EVERY_SECONDS: by default the pool checks
                        // a connection each time it is handed out, and an ingest group takes it four times (a
                        // round trip each, in the one writer's chain of statements, about a tenth of a group's time).
                        // A connection broken since its last check fails its next use (503, retried by the agent),
                        // and the next check then renews the pool.
                        + " --validateatmostonceperiod " + VALIDATE_AT_MOST_EVERY_SECONDS
                        + " --validationmethod custom-validation"
                        + " --validationclassname org.glassfish.api.jdbc.validation.PostgresConnectionValidation"
                        + " --failconnection true"
                        // Payara's default, a listener that does nothing (fish.payara.jdbc.SilentSqlTraceListener),
                        // makes the pool wrap every connection and statement in a reflective proxy that traces each
                        // JDBC call, a measurable share of Payara's CPU under load (docs/decisions). Slow-query logging and request tracing, when an operator turns them on,
                        // still add their own listeners.
                        + " --sqltracelisteners \"\""
                        + " --property \"" + properties + "\" "
                        + POOL_NAME,
                "create-jdbc-resource --connectionpoolid " + POOL_NAME + " " + RESOURCE_NAME);
    }

    /** The server-wide settings: request threads and the log file's format. */
    public static List<String> forServer(ServerTuning tuning) {
        List<String> out = new ArrayList<>();
        tuning.httpThreads().ifPresent(n -> out.add(
                "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=" + n));
        tuning.logFormat().ifPresent(format -> out.add("set-log-file-format --target server " + format));
        return out;
    }

    /** Writes the commands to a file readable only by its owner (it holds the database password). */
    public static Path write(Path file, DatabaseCoordinates db, PoolSizing sizing) throws IOException {
        return write(file, db, sizing, ServerTuning.DEFAULT);
    }

    public static Path write(Path file, DatabaseCoordinates db, PoolSizing sizing, ServerTuning tuning) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        List<String> commands = new ArrayList<>(forDatabase(db, sizing));
        commands.addAll(forServer(tuning));
        Files.write(file, commands);
        return file;
    }

    /**
     * Request threads (Payara's default is 5 to 200) and the log file's format ({@code ulf}, {@code odl}
     * or {@code json}); empty means Payara's own setting.
     */
    public record ServerTuning(Optional<Integer> httpThreads, Optional<String> logFormat) {
        public static final ServerTuning DEFAULT = new ServerTuning(Optional.empty(), Optional.empty());

        public ServerTuning {
            if (httpThreads.isPresent() && (httpThreads.get() < 1 || httpThreads.get() > 10_000)) {
                throw new IllegalArgumentException("HEALTHMON_HTTP_THREADS must be 1 to 10000, was " + httpThreads.get());
            }
            if (logFormat.isPresent() && !List.of("ulf", "odl", "json").contains(logFormat.get())) {
                throw new IllegalArgumentException("HEALTHMON_LOG_FORMAT must be ulf, odl or json, was '" + logFormat.get() + "'");
            }
        }
    }

    /** asadmin splits --property on ':' and '=', and the file parser honours quotes and backslashes. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == ':' || c == '=' || c == '\\' || c == '"') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Connection pool sizes; maxWaitMillis bounds how long a request waits for a connection. */
    public record PoolSizing(int steady, int max, int maxWaitMillis) {
        public static final PoolSizing DEFAULT = new PoolSizing(8, 32, 5000);

        public PoolSizing {
            if (steady < 0 || max < 1 || steady > max || maxWaitMillis < 0) {
                throw new IllegalArgumentException("pool sizes out of range: HEALTHMON_DB_POOL_STEADY=" + steady
                        + ", HEALTHMON_DB_POOL_MAX=" + max + ", HEALTHMON_DB_POOL_MAX_WAIT_MS=" + maxWaitMillis
                        + " (steady 0 to max, max at least 1, the wait 0 or more)");
            }
        }
    }
}
