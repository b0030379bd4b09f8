package io.healthmon.payara;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Renders the asadmin post-boot commands that give Payara the {@code jdbc/healthmon} resource for a
 * database. The pool validates connections before handing them out and gives up waiting after a few
 * seconds, so a database outage turns into quick 503s and the pool heals by itself when it returns.
 */
public final class PostBootCommands {

    public static final String POOL_NAME = "healthmon-pool";
    public static final String RESOURCE_NAME = "jdbc/healthmon";

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
                        + " --validationmethod custom-validation"
                        + " --validationclassname org.glassfish.api.jdbc.validation.PostgresConnectionValidation"
                        + " --failconnection true"
                        + " --property \"" + properties + "\" "
                        + POOL_NAME,
                "create-jdbc-resource --connectionpoolid " + POOL_NAME + " " + RESOURCE_NAME);
    }

    /** Writes the commands to a file readable only by its owner (it holds the database password). */
    public static Path write(Path file, DatabaseCoordinates db, PoolSizing sizing) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, forDatabase(db, sizing));
        return file;
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
                throw new IllegalArgumentException("pool sizing out of range: " + steady + "/" + max + "/" + maxWaitMillis);
            }
        }
    }
}
