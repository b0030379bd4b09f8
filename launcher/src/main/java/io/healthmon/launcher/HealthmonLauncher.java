package io.healthmon.launcher;

import io.healthmon.payara.DatabaseCoordinates;
import io.healthmon.payara.PlainLogging;
import io.healthmon.payara.PostBootCommands;
import io.healthmon.payara.RenderPostBoot;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts the whole system on its embedded default and keeps it running until Ctrl-C or SIGTERM,
 * which stop the agent, the server and the database in that order. A part that does not start the
 * first time stops the launcher (that is a setting to fix, shown with the end of the part's log); once
 * all have started, a part that dies is restarted by the {@link Supervisor}, which gives up, stopping
 * the rest and exiting non-zero, when one fails too often ({@link RestartPolicy#DEFAULT}).
 */
public final class HealthmonLauncher {

    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /** At most this long a stop waits for a start step under way (the embedded PostgreSQL, registering the agent). */
    static final Duration STOP_WAITS_FOR_START = Duration.ofMinutes(1);
    /** How the server's InvalidConfigurationException begins its message, before the setting's name. */
    static final String INVALID_CONFIGURATION = "Invalid configuration ";

    private final LauncherOptions options;
    private final Path runtime;
    private final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private EmbeddedDatabase database;
    private ChildProcess server;
    private ChildProcess agent;
    private Supervisor supervisor;
    /** Set when Ctrl-C or SIGTERM began stopping everything: a child exiting then is expected, not a failure. */
    private volatile boolean stopping;
    /** Counted down when {@link #run} returns: until then a process it is starting may not be kept yet. */
    private final CountDownLatch runEnded = new CountDownLatch(1);

    HealthmonLauncher(LauncherOptions options, Path runtime) {
        this.options = options;
        this.runtime = runtime;
    }

    /** Held so the level set below is not lost when the logger is collected. */
    private static final java.util.logging.Logger ZONKY = java.util.logging.Logger.getLogger("io.zonky");

    public static void main(String[] args) {
        // The embedded PostgreSQL's own messages go to its log file; keep the terminal for what matters.
        ZONKY.setLevel(java.util.logging.Level.WARNING);
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args, System.getenv());
        } catch (LauncherOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("healthmon: " + e.getMessage());
            }
            System.err.println(LauncherOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        HealthmonLauncher launcher = new HealthmonLauncher(options, runtimeDirectory());
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopOnSignal, "healthmon-stop"));
        try {
            int exit = launcher.run();
            System.exit(exit);
        } catch (Exception e) {
            // Stopped while starting: what failed is the stop's doing (its processes went away), not a fault.
            if (!launcher.stopping) {
                System.err.println("healthmon: could not start: " + e.getMessage());
            }
            System.exit(1);
        }
    }

    int run() throws Exception {
        try {
            return start();
        } finally {
            runEnded.countDown();
        }
    }

    private int start() throws Exception {
        Files.createDirectories(options.dataDir());
        Map<String, String> env = System.getenv();
        // The same variables as for running Payara Micro yourself (RenderPostBoot), read before anything
        // starts so that a bad one stops the launcher at once, named.
        PostBootCommands.PoolSizing poolSizing = RenderPostBoot.poolSizing(env);
        PostBootCommands.ServerTuning tuning = RenderPostBoot.tuning(env);
        StoredCredentials credentials = StoredCredentials.loadOrCreate(options.dataDir(), env);
        DatabaseCoordinates db = database(credentials);

        // Payara Micro's root directory keeps domain.xml from the last start, pool included; start it fresh
        // so the pool always points at this start's database.
        deleteRecursively(options.dataDir().resolve("run/payara"));
        Path postBoot = PostBootCommands.write(options.dataDir().resolve("run/post-boot.asadmin"), db, poolSizing, tuning);
        PlainLogging.write(postBoot.resolveSibling("logging.properties"));
        URI base = new URI("http://127.0.0.1:" + options.port() + "/");
        Optional<SelfSignedCertificate> tls = options.httpsPort().isPresent()
                ? Optional.of(SelfSignedCertificate.inDataDir(options.dataDir(), SelfSignedCertificate.EMBEDDED_PASSWORD))
                : Optional.empty();
        Optional<URI> secureBase = options.httpsPort().map(p -> URI.create("https://127.0.0.1:" + p + "/"));
        Console.say("starting Payara Micro with the healthmon server on port " + options.port()
                + " (log: " + logs().resolve("server.log") + ")");
        List<String> serverCommand = serverCommand(postBoot, tls);
        Map<String, String> serverEnvironment = serverEnvironment(credentials);
        ChildProcess payara = ChildProcess.start("server", serverCommand, serverEnvironment, logs().resolve("server.log"));
        keepServer(payara);
        if (!new Readiness().await(base, payara, READY_TIMEOUT)) {
            if (stopping) {
                return 0;
            }
            // A setting the server refused is named in its log, deep in a stack trace: say it first.
            String refused = payara.firstLineContaining(INVALID_CONFIGURATION)
                    .map(line -> "the server refused its configuration: " + line.substring(line.indexOf(INVALID_CONFIGURATION)) + "; ")
                    .orElse("the server did not become ready; ");
            Console.say(refused + "the end of its log:\n" + payara.tail(40));
            return 1;
        }
        Console.say("server ready: " + base.resolve("/health/ready"));
        List<Supervisor.Part> parts = new ArrayList<>();
        if (database != null) {
            parts.add(database);
        }
        parts.add(new SupervisedChild("the server", payara, () -> restartServer(serverCommand, serverEnvironment, base)));

        if (options.startAgent()) {
            AgentSetup setup = new AgentSetup(options.dataDir(), runtime.resolve("healthmon-agent.jar"), javaBin);
            // With HTTPS on, the agent uses it, trusting exactly the generated certificate.
            String agentUrl = secureBase.orElse(base).toString();
            setup.writeConfig(agentUrl, tls.map(SelfSignedCertificate::certificatePem));
            setup.registerIfNeeded(agentUrl, credentials.enrollmentToken(), new OperatorApi(base, credentials.adminToken()),
                    logs().resolve("agent.log"));
            ChildProcess started = startAgent(setup);
            parts.add(new SupervisedChild("the agent", started, () -> startAgent(setup)));
            Console.say("agent for this machine started (log: " + started.log() + ")");
        }
        printBanner(secureBase.orElse(base), credentials);
        tls.ifPresent(t -> Console.say("HTTPS uses a self-signed certificate: " + t.certificatePem()
                + " (for example curl --cacert " + t.certificatePem() + " ...); plain HTTP stays on " + base));

        return supervise(new Supervisor(parts, RestartPolicy.DEFAULT, Clock.systemUTC()));
    }

    /** Runs the supervisor until Ctrl-C or SIGTERM (0), or until it gives up on a part (1). */
    int supervise(Supervisor started) throws Exception {
        keep(() -> supervisor = started, () -> { });
        return started.run();
    }

    /**
     * Payara Micro again, after it died, from a fresh root directory as at the first start, once it is
     * ready; a server that did not become ready (its deployment failed, say) is stopped.
     */
    private ChildProcess restartServer(List<String> command, Map<String, String> environment, URI base) throws Exception {
        deleteRecursively(options.dataDir().resolve("run/payara"));
        ChildProcess payara = ChildProcess.start("server", command, environment, logs().resolve("server.log"));
        keepServer(payara);
        if (new Readiness().await(base, payara, READY_TIMEOUT)) {
            return payara;
        }
        String why = payara.firstLineContaining(Readiness.DEPLOYMENT_FAILED).isPresent() ? "its deployment failed"
                : payara.isAlive() ? "not ready within " + READY_TIMEOUT.toMinutes() + " minutes" : "it exited while starting";
        payara.stop(60);
        throw new IllegalStateException(why + " (log: " + payara.log() + ")");
    }

    private ChildProcess startAgent(AgentSetup setup) throws Exception {
        ChildProcess started = setup.start(logs().resolve("agent.log"));
        keep(() -> agent = started, () -> started.stop(15));
        return started;
    }

    private DatabaseCoordinates database(StoredCredentials credentials) throws Exception {
        if (options.databaseUrl().isPresent()) {
            DatabaseCoordinates db = DatabaseCoordinates.parse(options.databaseUrl().get());
            Console.say("using the PostgreSQL in DATABASE_URL: " + db);
            return db;
        }
        Console.say("starting the embedded PostgreSQL (data: " + options.dataDir().resolve("pgdata")
                + ", log: " + logs().resolve("postgres.log") + ")");
        EmbeddedDatabase started = EmbeddedDatabase.start(options.dataDir(), credentials.databasePassword(),
                logs().resolve("postgres.log"));
        keep(() -> database = started, started::close);
        Console.say("embedded PostgreSQL listening on 127.0.0.1:" + started.coordinates().port());
        return started.coordinates();
    }

    private List<String> serverCommand(Path postBoot, Optional<SelfSignedCertificate> tls) {
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx768m"));
        tls.ifPresent(t -> command.addAll(t.payaraJvmFlags()));
        command.addAll(List.of("-jar", runtime.resolve("payara-micro.jar").toString(),
                "--nohazelcast",
                "--port", Integer.toString(options.port()),
                "--addlibs", runtime.resolve("postgresql.jar").toString(),
                "--postbootcommandfile", postBoot.toString(),
                "--logproperties", postBoot.resolveSibling("logging.properties").toString(),
                "--rootdir", options.dataDir().resolve("run/payara").toString(),
                "--deploy", runtime.resolve("healthmon-server.war").toString(),
                "--contextroot", "/"));
        options.httpsPort().ifPresent(p -> command.addAll(List.of("--sslport", Integer.toString(p),
                "--sslcert", SelfSignedCertificate.ALIAS)));
        return command;
    }

    /** The child inherits this environment (HEALTHMON_* settings reach the server); the tokens are set explicitly. */
    private static Map<String, String> serverEnvironment(StoredCredentials credentials) {
        Map<String, String> out = new HashMap<>();
        out.put("HEALTHMON_ENROLLMENT_TOKEN", credentials.enrollmentToken());
        out.put("HEALTHMON_ADMIN_TOKEN", credentials.adminToken());
        return out;
    }

    private void printBanner(URI base, StoredCredentials credentials) {
        System.out.println("""

                ================================================================
                 healthmon is running
                   Dashboard:         %s
                   API:               %sapi/v1/servers
                   Operator token:    %s
                   Enrollment token:  %s
                   Data directory:    %s
                 Use the operator token as 'Authorization: Bearer <token>'.
                 Press Ctrl-C to stop.
                ================================================================
                """.formatted(base, base, credentials.adminToken(), credentials.enrollmentToken(), options.dataDir()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Path logs() {
        return options.dataDir().resolve("logs");
    }

    /**
     * Records a process just started so that {@link #stopAll} stops it; if Ctrl-C or SIGTERM came while
     * it was starting, stops it at once instead (the stop has already run and would never see it) and
     * ends the start with {@link StoppedWhileStarting}.
     */
    synchronized void keep(Runnable record, StopNow stopNow) throws Exception {
        if (stopping) {
            stopNow.stop();
            throw new StoppedWhileStarting();
        }
        record.run();
    }

    /** Keeps the server just started, as {@link #keep} does. */
    void keepServer(ChildProcess started) throws Exception {
        keep(() -> server = started, () -> started.stop(60));
    }

    /** Stops what was just started. */
    @FunctionalInterface
    interface StopNow {
        void stop() throws Exception;
    }

    /** The start was cut short by Ctrl-C or SIGTERM; nothing is left running. */
    static final class StoppedWhileStarting extends Exception {
        private static final long serialVersionUID = 1L;

        StoppedWhileStarting() {
            super("stopped while starting");
        }
    }

    /**
     * The shutdown hook (Ctrl-C, SIGTERM, or the end of {@link #run}): stops everything, then waits for a
     * start still under way to stop what it was starting ({@link #keep}), since the JVM ends, with
     * whatever a half-finished start had spawned, as soon as this returns.
     */
    void stopOnSignal() {
        stopAll();
        try {
            if (!runEnded.await(STOP_WAITS_FOR_START.toSeconds(), TimeUnit.SECONDS)) {
                Console.say("a start still under way did not end within " + STOP_WAITS_FOR_START.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops agent, server and database, in that order; safe to call more than once. */
    synchronized void stopAll() {
        stopping = true;
        if (supervisor != null) {
            supervisor.requestStop(); // what exits from here on is being stopped, not failing
        }
        if (agent != null) {
            agent.stop(15);
            agent = null;
        }
        if (server != null) {
            if (server.isAlive()) {
                Console.say("stopping the server");
            }
            server.stop(60);
            server = null;
        }
        if (database != null) {
            Console.say("stopping the embedded PostgreSQL");
            try {
                database.close();
            } catch (IOException | RuntimeException e) {
                Console.say("the embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            database = null;
        }
    }

    /** {@code runtime/} beside the launcher jar holds Payara Micro, the driver, the WAR and the agent. */
    private static Path runtimeDirectory() {
        try {
            Path jar = Path.of(HealthmonLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().resolve("runtime");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
