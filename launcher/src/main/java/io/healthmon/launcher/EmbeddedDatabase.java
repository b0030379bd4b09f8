package io.healthmon.launcher;

import io.healthmon.payara.DatabaseCoordinates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL run by the launcher itself from the binaries on its class path (no Docker, nothing
 * installed), with its data in {@code <data-dir>/pgdata} so history survives restarts. It listens on
 * loopback only and the healthmon database has a generated password.
 *
 * <p>zonky starts it the first time (initdb on first use, its binaries under {@code java.io.tmpdir}).
 * A PostgreSQL that died is started again ({@link #restart}) on the same port and data directory, the
 * server's pool pointing there, by running the postmaster again with the command line it recorded in
 * {@code postmaster.opts}, as a child of the launcher, inside a user namespace as zonky does when run as
 * root (PostgreSQL refuses to run as root).
 */
final class EmbeddedDatabase implements Supervisor.Part, AutoCloseable {

    static final String DATABASE = "healthmon";
    static final String USER = "healthmon";
    /** How long a restarted PostgreSQL may take to accept connections (crash recovery included). */
    static final Duration RESTART_READY_WITHIN = Duration.ofSeconds(60);
    /** How long the processes of a server that died may take to notice and exit before they are killed. */
    static final Duration LEFTOVERS_GRACE = Duration.ofSeconds(5);

    private final EmbeddedPostgres postgres;
    private final DatabaseCoordinates coordinates;
    private final Path pgData;
    private final Path log;
    /** The postmaster's command line, as it recorded it when zonky started it. */
    private final List<String> postmasterCommand;
    private volatile ProcessHandle postmaster;
    /** The postmaster started by the last {@link #restart}, when there was one. */
    private ChildProcess restarted;
    private volatile boolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseCoordinates coordinates, Path pgData, Path log) throws IOException {
        this.postgres = postgres;
        this.coordinates = coordinates;
        this.pgData = pgData;
        this.log = log;
        this.postmasterCommand = parsePostmasterOpts(Files.readString(pgData.resolve("postmaster.opts")));
        this.postmaster = ProcessHandle.of(postmasterPid(pgData).orElseThrow(
                () -> new IOException("PostgreSQL started but wrote no pid to " + pgData.resolve("postmaster.pid"))))
                .orElseThrow(() -> new IOException("PostgreSQL started but is not running"));
    }

    /** PostgreSQL's default, and what one server with the default pool (at most 32) has always been given. */
    static final int MIN_CONNECTIONS = 100;
    /** Beyond the servers' pools: the launcher's own checks, an operator's psql, maintenance. */
    static final int SPARE_CONNECTIONS = 20;

    /** Connections enough for every server instance's pool at its largest, and spare ones. */
    static int maxConnections(int instances, int poolMax) {
        return Math.max(MIN_CONNECTIONS, instances * poolMax + SPARE_CONNECTIONS);
    }

    /** @param maxConnections {@link #maxConnections}: several instances each fill a pool of their own */
    static EmbeddedDatabase start(Path dataDir, String password, Path log, int maxConnections) throws IOException, SQLException {
        Path pgData = dataDir.resolve("pgdata");
        Files.createDirectories(pgData);
        Files.createDirectories(log.getParent());
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(freePort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", Integer.toString(maxConnections))
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
            return new EmbeddedDatabase(postgres,
                    new DatabaseCoordinates("127.0.0.1", postgres.getPort(), DATABASE, USER, password), pgData, log);
        } catch (SQLException | IOException | RuntimeException e) {
            postgres.close(); // nobody else holds it yet
            throw e;
        }
    }

    @Override
    public String name() {
        return "the embedded PostgreSQL";
    }

    @Override
    public ProcessHandle running() {
        return postmaster;
    }

    @Override
    public synchronized String howItEnded() {
        if (restarted != null && !restarted.isAlive()) {
            int status = restarted.process().exitValue();
            return status > 128 ? "was killed (signal " + (status - 128) + ")" : "exited with status " + status;
        }
        return postmaster.isAlive() ? "is running" : "exited";
    }

    @Override
    public String logTail() {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Starts the postmaster again, after the one running has died, and returns once the healthmon
     * database accepts the server's login. What a postmaster killed with SIGKILL leaves behind is
     * cleared first: its backends (they exit once they notice, and are killed if they have not within
     * {@link #LEFTOVERS_GRACE}), which would keep its shared memory in use, and its {@code postmaster.pid},
     * when that names a process that is gone or a zombie nobody has reaped (PostgreSQL would take it for
     * a server still running).
     */
    @Override
    public void restart() throws IOException, InterruptedException {
        ChildProcess started = startPostmaster();
        Instant deadline = Instant.now().plus(RESTART_READY_WITHIN);
        SQLException last = null;
        while (Instant.now().isBefore(deadline) && started.isAlive() && !closed) {
            try (Connection c = DriverManager.getConnection(coordinates.jdbcUrl(), loginProperties())) {
                return;
            } catch (SQLException e) {
                last = e; // starting, or recovering from the crash
            }
            Thread.sleep(200);
        }
        started.stop(10);
        throw new IOException(started.isAlive() ? "not accepting connections within " + RESTART_READY_WITHIN.toSeconds()
                + " s" + (last == null ? "" : ": " + last.getMessage()) : "exited while starting (see " + log + ")");
    }

    /** Under the lock that {@link #close} takes, so that a stop never misses a postmaster just started. */
    private synchronized ChildProcess startPostmaster() throws IOException, InterruptedException {
        if (closed) {
            throw new IOException("stopped");
        }
        if (postmaster.isAlive() && !isZombie(postmaster.pid())) {
            throw new IllegalStateException("PostgreSQL (pid " + postmaster.pid() + ") is still running");
        }
        clearLeftovers();
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as zonky does
        }
        command.addAll(postmasterCommand);
        ChildProcess started = ChildProcess.start("the embedded PostgreSQL", command, Map.of(), log);
        restarted = started;
        postmaster = started.process().toHandle();
        return started;
    }

    private Properties loginProperties() {
        Properties login = new Properties();
        login.setProperty("user", coordinates.user());
        login.setProperty("password", coordinates.password());
        login.setProperty("connectTimeout", "2");
        return login;
    }

    private void clearLeftovers() throws IOException, InterruptedException {
        Instant killAfter = Instant.now().plus(LEFTOVERS_GRACE);
        List<ProcessHandle> left = processesIn(pgData);
        while (!left.isEmpty() && Instant.now().isBefore(killAfter)) {
            Thread.sleep(100);
            left = processesIn(pgData);
        }
        for (ProcessHandle leftover : left) {
            Console.say("killing pid " + leftover.pid() + ", left over from the embedded PostgreSQL that died");
            leftover.destroyForcibly();
            leftover.onExit().completeOnTimeout(leftover, 5, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        Optional<Long> recorded = postmasterPid(pgData);
        if (recorded.isPresent() && (ProcessHandle.of(recorded.get()).isEmpty() || isZombie(recorded.get()))) {
            Files.deleteIfExists(pgData.resolve("postmaster.pid"));
        }
    }

    /** Live processes whose working directory is the data directory: a PostgreSQL server's all are. */
    private static List<ProcessHandle> processesIn(Path pgData) throws IOException {
        Path dir = pgData.toRealPath();
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).equals(dir);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false; // gone, a zombie (no working directory), or not ours to see
            }
        }).toList();
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the state follows the command name, which may itself hold parentheses.
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static Optional<Long> postmasterPid(Path pgData) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    /**
     * {@code postmaster.opts} holds the program, then each argument in double quotes: {@code /x/bin/postgres "-D" "/d" "-p" "5432"}.
     */
    static List<String> parsePostmasterOpts(String opts) {
        String line = opts.strip();
        int firstQuote = line.indexOf('"');
        if (firstQuote <= 0) {
            throw new IllegalArgumentException("not a postmaster.opts line: " + line);
        }
        List<String> command = new ArrayList<>(List.of(line.substring(0, firstQuote).strip()));
        Matcher arguments = QUOTED.matcher(line.substring(firstQuote));
        while (arguments.find()) {
            command.add(arguments.group(1));
        }
        return command;
    }

    /**
     * PostgreSQL's cache: an eighth of the machine's memory, at least PostgreSQL's own default of 128 MB and
     * at most 1 GB (Payara Micro beside it takes up to 768 MB of heap). With the default, under load, the
     * database evicted buffers and read pages back from the kernel's cache for every few reports stored
     * (pg_stat_io; docs/decisions/0013).
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

    /**
     * A free port below 32768. The kernel hands out the local ports of outgoing connections from 32768 up,
     * so a port taken from there could be held by some client's socket while PostgreSQL is away, and the
     * restart on the same port would fail.
     */
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_768);
            try (ServerSocket socket = new ServerSocket(port, 1, loopback)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and 32767 on loopback");
    }

    /** Stops PostgreSQL (the first postmaster or a restarted one: pg_ctl stops what the data directory names). */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        try {
            postgres.close();
        } finally {
            if (restarted != null) {
                restarted.stop(30);
            }
        }
    }
}
