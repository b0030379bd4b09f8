package io.healthmon.launcher.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The launcher jar run as a user runs it, {@code --instances N} on a data directory of its own with
 * the embedded PostgreSQL, with or without the agent of this machine: instance {@code i} (from 1) is
 * Payara Micro named {@code healthmon-i} on HTTP port {@code firstPort + i - 1} and grid port
 * {@code firstGridPort + i - 1}. Its terminal output goes to {@code launcher.log} in the data directory.
 */
public final class LaunchedCluster {

    private final Process launcher;
    private final Path dataDir;
    private final int firstPort;
    private final int firstGridPort;
    private final int instances;
    private final String credentialsFile;

    private LaunchedCluster(Process launcher, Path dataDir, int firstPort, int firstGridPort, int instances, String credentialsFile) {
        this.launcher = launcher;
        this.dataDir = dataDir;
        this.firstPort = firstPort;
        this.firstGridPort = firstGridPort;
        this.instances = instances;
        this.credentialsFile = credentialsFile;
    }

    /**
     * Starts {@code jar} with these settings (the server's {@code HEALTHMON_*}, the agent's
     * {@code MONITORING_*}) added to this JVM's environment, and the agent when {@code agent} is true;
     * the instances' grid ports start at {@code firstGridPort} (the default, 5900, may be another test's);
     * {@code credentialsFile} is where, in the data directory, the launcher keeps the tokens it generates.
     */
    public static LaunchedCluster start(Path jar, Path dataDir, int firstPort, int firstGridPort, int instances,
                                        Map<String, String> settings, boolean agent, String credentialsFile) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "--data-dir", dataDir.toString(),
                "--port", Integer.toString(firstPort), "--grid-port", Integer.toString(firstGridPort),
                "--instances", Integer.toString(instances)));
        if (!agent) {
            command.add("--no-agent");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("launcher.log").toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().keySet().removeIf(name -> name.startsWith("HEALTHMON_") || name.startsWith("MONITORING_"));
        builder.environment().putAll(settings);
        return new LaunchedCluster(builder.start(), dataDir, firstPort, firstGridPort, instances, credentialsFile);
    }

    public static String instanceName(int instance) {
        return "healthmon-" + instance;
    }

    public int instancePort(int instance) {
        return firstPort + instance - 1;
    }

    public URI instanceUrl(int instance) {
        return URI.create("http://127.0.0.1:" + instancePort(instance) + "/");
    }

    public int gridPort(int instance) {
        return firstGridPort + instance - 1;
    }

    /** Instance {@code i}'s server log, where Payara Micro also writes its account of the grid. */
    public Path serverLog(int instance) {
        return dataDir.resolve("logs/server-" + instance + ".log");
    }

    /** A file of the data directory, such as the agent's configuration. */
    public Path dataFile(String relative) {
        return dataDir.resolve(relative);
    }

    public int instances() {
        return instances;
    }

    public boolean isAlive() {
        return launcher.isAlive();
    }

    /**
     * Waits until every instance answers its readiness probe with 200 and the launcher has said it is
     * running (its banner): until then the launcher is still starting, and treats an instance that dies
     * as one that never became ready, stopping everything. Throws, with the launcher's output, if not in
     * time.
     */
    public void awaitReady(HealthmonHttp http, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        for (int i = 1; i <= instances; i++) {
            while (!http.get(instanceUrl(i), "health/ready", null).ok()) {
                waitOrThrow(deadline, within, instanceName(i) + " not ready");
            }
        }
        while (!output().contains(RUNNING)) {
            waitOrThrow(deadline, within, "the launcher has not said it is running");
        }
    }

    private void waitOrThrow(Instant deadline, Duration within, String notYet) throws IOException, InterruptedException {
        if (!launcher.isAlive() || Instant.now().isAfter(deadline)) {
            throw new IOException((launcher.isAlive() ? notYet + " within " + within.toSeconds() + " s"
                    : "the launcher exited with status " + launcher.exitValue()) + "; its output:\n" + output());
        }
        Thread.sleep(500);
    }

    /**
     * The Payara Micro of instance {@code i} among the launcher's descendants: a {@code payara-micro}
     * command line with {@code --name healthmon-i}, or with the instance's {@code --port}.
     */
    public Optional<ProcessHandle> payara(int instance) {
        String name = instanceName(instance);
        String port = Integer.toString(instancePort(instance));
        return launcher.descendants().filter(p -> {
            List<String> args = Arrays.asList(p.info().arguments().orElse(new String[0]));
            return p.info().commandLine().orElse("").contains("payara-micro")
                    && (follows(args, "--name", name) || follows(args, "--port", port));
        }).findFirst();
    }

    private static boolean follows(List<String> args, String flag, String value) {
        int at = args.indexOf(flag);
        return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(value);
    }

    /** A secret the launcher generated (or was given): {@code HEALTHMON_ADMIN_TOKEN}, {@code HEALTHMON_ENROLLMENT_TOKEN}. */
    public String credential(String name) throws IOException {
        Properties credentials = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve(credentialsFile))) {
            credentials.load(in);
        }
        return credentials.getProperty(name);
    }

    /** A connection to the embedded PostgreSQL, found by its postmaster.pid (the fourth line is its port). */
    public Connection connectToDatabase(String user, String database) throws IOException, SQLException {
        List<String> pid = Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid"));
        int port = Integer.parseInt(pid.get(3).trim());
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", credential("EMBEDDED_DATABASE_PASSWORD"));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, login);
    }

    /** The last line of the launcher's banner, printed once everything it starts is ready. */
    public static final String RUNNING = "Press Ctrl-C to stop.";

    public String output() {
        try {
            return Files.readString(dataDir.resolve("launcher.log"));
        } catch (IOException e) {
            return "(launcher.log unreadable: " + e.getMessage() + ")";
        }
    }

    /** The last {@code lines} lines of each log in the data directory's logs/ (the server's, PostgreSQL's), to show with a failure. */
    public String logTails(int lines) {
        StringBuilder tails = new StringBuilder();
        try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> all = Files.readAllLines(log);
                tails.append("---- ").append(log.getFileName()).append(" (last ").append(lines).append(" lines)\n");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> tails.append(l).append('\n'));
            }
        } catch (IOException | UncheckedIOException e) {
            tails.append("(logs unreadable: ").append(e.getMessage()).append(")\n");
        }
        return tails.toString();
    }

    /** Copies the data directory's logs/ to {@code target} (a folder the build keeps), for a failure to be read whole. */
    public void keepLogs(Path target) {
        try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
            Files.createDirectories(target);
            for (Path log : logs.toList()) {
                Files.copy(log, target.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            System.out.println("the logs could not be kept: " + e);
        }
    }

    /**
     * SIGTERM to the launcher, as Ctrl-C; then what is still running of what it started is killed, so
     * no test leaves processes on a shared machine, and named in the answer (empty when all stopped,
     * PostgreSQL cleanly).
     */
    public List<String> stop() throws InterruptedException {
        Set<ProcessHandle> started = new LinkedHashSet<>(launcher.descendants().toList());
        List<String> leftovers = new ArrayList<>();
        launcher.destroy();
        if (!launcher.waitFor(2, TimeUnit.MINUTES)) {
            leftovers.add("the launcher itself, 2 minutes after SIGTERM");
            launcher.destroyForcibly();
        }
        started.addAll(launcher.descendants().toList());
        for (ProcessHandle child : started) {
            child.onExit().completeOnTimeout(child, 15, TimeUnit.SECONDS).join();
            if (child.isAlive()) {
                leftovers.add("pid " + child.pid() + " " + child.info().commandLine().orElse("?"));
                child.destroyForcibly();
            }
        }
        // PostgreSQL detaches from its starter (pg_ctl): it is found by the pid in its postmaster.pid.
        Path postmasterPid = dataDir.resolve("pgdata/postmaster.pid");
        if (Files.exists(postmasterPid)) {
            leftovers.add("PostgreSQL (its postmaster.pid is still there: not shut down cleanly)");
            try {
                ProcessHandle.of(Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim())).ifPresent(ProcessHandle::destroyForcibly);
            } catch (IOException | RuntimeException e) {
                leftovers.add("(postmaster.pid unreadable: " + e.getMessage() + ")");
            }
        }
        return leftovers;
    }
}
