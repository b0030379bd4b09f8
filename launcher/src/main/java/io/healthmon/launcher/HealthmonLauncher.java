package io.healthmon.launcher;

import io.healthmon.payara.DatabaseCoordinates;
import io.healthmon.payara.PlainLogging;
import io.healthmon.payara.PostBootCommands;
import io.healthmon.payara.RenderPostBoot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts the whole system on its embedded default and keeps it running until Ctrl-C or SIGTERM,
 * which stop the agent, the server instances (together) and the database in that order. With
 * {@code --instances N} the server is N Payara Micro instances in one cluster ({@link ServerInstance}),
 * each started, awaited and supervised on its own. A part that does not start the
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
    /** Each server instance's process by the instance's name; a restart replaces its entry. */
    private final Map<String, ChildProcess> servers = new LinkedHashMap<>();
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
        List<ServerInstance> instances = ServerInstance.plan(options);
        PortCheck.requireFree(instances.stream().flatMap(i -> i.ports().stream()).toList());
        StoredCredentials credentials = StoredCredentials.loadOrCreate(options.dataDir(), env);
        DatabaseCoordinates db = database(credentials, EmbeddedDatabase.maxConnections(instances.size(), poolSizing.max()));

        Path postBoot = PostBootCommands.write(options.dataDir().resolve("run/post-boot.asadmin"), db, poolSizing, tuning);
        PlainLogging.write(postBoot.resolveSibling("logging.properties"));
        Optional<SelfSignedCertificate> tls = options.httpsPort().isPresent()
                ? Optional.of(SelfSignedCertificate.inDataDir(options.dataDir(), SelfSignedCertificate.EMBEDDED_PASSWORD))
                : Optional.empty();
        Map<String, String> serverEnvironment = serverEnvironment(credentials);
        // All at once: each takes its time to boot, and the members find each other as they come up.
        Map<ServerInstance, ChildProcess> started = new LinkedHashMap<>();
        for (ServerInstance instance : instances) {
            started.put(instance, startServer(instance, serverCommand(instance, postBoot, tls), serverEnvironment));
        }
        for (Map.Entry<ServerInstance, ChildProcess> each : started.entrySet()) {
            ServerInstance instance = each.getKey();
            ChildProcess payara = each.getValue();
            if (!new Readiness().await(instance.base(), payara, READY_TIMEOUT)) {
                if (stopping) {
                    return 0;
                }
                // A setting the server refused is named in its log, deep in a stack trace: say it first.
                String refused = payara.firstLineContaining(INVALID_CONFIGURATION)
                        .map(line -> instance.label() + " refused its configuration: " + line.substring(line.indexOf(INVALID_CONFIGURATION)) + "; ")
                        .orElse(instance.label() + " did not become ready; ");
                Console.say(refused + "the end of its log:\n" + payara.tail(40));
                return 1;
            }
            Console.say((instance.clustered() ? instance.name() : "server") + " ready: " + instance.base().resolve("/health/ready"));
        }
        if (instances.size() > 1) {
            for (Map.Entry<ServerInstance, ChildProcess> each : started.entrySet()) {
                Optional<String> apart = awaitWholeGrid(each.getKey(), each.getValue(), instances.size());
                if (apart.isPresent()) {
                    if (stopping) {
                        return 0;
                    }
                    Console.say(apart.get() + "; the end of its log:\n" + each.getValue().tail(40));
                    return 1;
                }
            }
            Console.say("the " + instances.size() + " instances form one grid");
        }
        List<Supervisor.Part> parts = new ArrayList<>();
        if (database != null) {
            parts.add(database);
        }
        for (Map.Entry<ServerInstance, ChildProcess> each : started.entrySet()) {
            ServerInstance instance = each.getKey();
            List<String> command = serverCommand(instance, postBoot, tls);
            parts.add(new SupervisedChild(instance.label(), each.getValue(), () -> restartServer(instance, command, serverEnvironment)));
        }

        ServerInstance first = instances.get(0);
        if (options.startAgent()) {
            AgentSetup setup = new AgentSetup(options.dataDir(), runtime.resolve("healthmon-agent.jar"), javaBin);
            // With HTTPS on, the agent uses it, trusting exactly the generated certificate; it knows every instance.
            List<String> agentUrls = instances.stream().map(i -> i.secureBase().orElse(i.base()).toString()).toList();
            setup.writeConfig(agentUrls, tls.map(SelfSignedCertificate::certificatePem));
            setup.registerIfNeeded(agentUrls.get(0), credentials.enrollmentToken(), new OperatorApi(first.base(), credentials.adminToken()),
                    logs().resolve("agent.log"));
            ChildProcess agentStarted = startAgent(setup);
            parts.add(new SupervisedChild("the agent", agentStarted, () -> startAgent(setup)));
            Console.say("agent for this machine started (log: " + agentStarted.log() + ")");
        }
        System.out.println(Banner.text(instances, credentials, options.dataDir()));
        tls.ifPresent(t -> Console.say("HTTPS uses a self-signed certificate: " + t.certificatePem()
                + " (for example curl --cacert " + t.certificatePem() + " ...); plain HTTP stays on "
                + (instances.size() == 1 ? first.base() : "the ports from " + first.base())));

        return supervise(new Supervisor(parts, RestartPolicy.DEFAULT, Clock.systemUTC()));
    }

    /**
     * Waits until the instance's readiness counts every instance as a member of its grid; empty once it
     * does, else why not. The members find each other while Payara boots, before the application is
     * deployed, so this is normally so at once.
     */
    private Optional<String> awaitWholeGrid(ServerInstance instance, ChildProcess payara, int instances) throws InterruptedException {
        Readiness readiness = new Readiness();
        if (readiness.await(instance.base(), payara, instances, READY_TIMEOUT)) {
            return Optional.empty();
        }
        return Optional.of(instance.name() + (readiness.lastMembers().isEmpty() ? " is not ready"
                : " sees " + readiness.lastMembers().get() + " of the " + instances + " members: the instances did not form one grid"));
    }

    /** Starts one instance's Payara Micro, from a fresh root directory, and keeps it for {@link #stopAll}. */
    private ChildProcess startServer(ServerInstance instance, List<String> command, Map<String, String> environment) throws Exception {
        // Payara Micro's root directory keeps domain.xml from the last start, pool included; start it fresh
        // so the pool always points at this start's database.
        deleteRecursively(instance.rootDir());
        Console.say(instance.clustered()
                ? "starting Payara Micro instance " + instance.name() + " on port " + instance.httpPort() + ", grid port "
                        + instance.gridPort().orElseThrow() + " (log: " + instance.log() + ")"
                : "starting Payara Micro with the healthmon server on port " + instance.httpPort() + " (log: " + instance.log() + ")");
        ChildProcess payara = ChildProcess.start(instance.label().substring("the ".length()), command, environment, instance.log());
        keepServer(instance.name(), payara);
        return payara;
    }

    /** Runs the supervisor until Ctrl-C or SIGTERM (0), or until it gives up on a part (1). */
    int supervise(Supervisor started) throws Exception {
        keep(() -> supervisor = started, () -> { });
        return started.run();
    }

    /**
     * An instance's Payara Micro again, after it died, from a fresh root directory as at the first start, once
     * it is ready (a member rejoins the grid by the same member list); an instance that did not become ready
     * (its deployment failed, say) is stopped.
     */
    private ChildProcess restartServer(ServerInstance instance, List<String> command, Map<String, String> environment) throws Exception {
        ChildProcess payara = startServer(instance, command, environment);
        if (new Readiness().await(instance.base(), payara, READY_TIMEOUT)) {
            Optional<String> apart = instance.clustered() ? awaitWholeGrid(instance, payara, options.instances()) : Optional.empty();
            if (apart.isEmpty()) {
                return payara;
            }
            payara.stop(60);
            throw new IllegalStateException(apart.get() + " (log: " + payara.log() + ")");
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

    private DatabaseCoordinates database(StoredCredentials credentials, int maxConnections) throws Exception {
        if (options.databaseUrl().isPresent()) {
            DatabaseCoordinates db = DatabaseCoordinates.parse(options.databaseUrl().get());
            Console.say("using the PostgreSQL in DATABASE_URL: " + db);
            return db;
        }
        Console.say("starting the embedded PostgreSQL (data: " + options.dataDir().resolve("pgdata")
                + ", log: " + logs().resolve("postgres.log") + ")");
        EmbeddedDatabase started = EmbeddedDatabase.start(options.dataDir(), credentials.databasePassword(),
                logs().resolve("postgres.log"), maxConnections);
        keep(() -> database = started, started::close);
        Console.say("embedded PostgreSQL listening on 127.0.0.1:" + started.coordinates().port());
        return started.coordinates();
    }

    private List<String> serverCommand(ServerInstance instance, Path postBoot, Optional<SelfSignedCertificate> tls) {
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx" + instance.maxHeap()));
        tls.ifPresent(t -> command.addAll(t.payaraJvmFlags()));
        command.addAll(List.of("-jar", runtime.resolve("payara-micro.jar").toString()));
        command.addAll(instance.cluster().arguments());
        command.addAll(List.of(
                "--port", Integer.toString(instance.httpPort()),
                "--addlibs", runtime.resolve("postgresql.jar").toString(),
                "--postbootcommandfile", postBoot.toString(),
                "--logproperties", postBoot.resolveSibling("logging.properties").toString(),
                "--rootdir", instance.rootDir().toString(),
                "--deploy", runtime.resolve("healthmon-server.war").toString(),
                "--contextroot", "/"));
        instance.httpsPort().ifPresent(p -> command.addAll(List.of("--sslport", Integer.toString(p),
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

    /** Keeps the server instance just started, in place of its earlier process, as {@link #keep} does. */
    void keepServer(String instanceName, ChildProcess started) throws Exception {
        keep(() -> servers.put(instanceName, started), () -> started.stop(60));
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

    /** Stops agent, server instances and database, in that order; safe to call more than once. */
    synchronized void stopAll() {
        stopping = true;
        if (supervisor != null) {
            supervisor.requestStop(); // what exits from here on is being stopped, not failing
        }
        if (agent != null) {
            agent.stop(15);
            agent = null;
        }
        long running = servers.values().stream().filter(ChildProcess::isAlive).count();
        if (running > 0) {
            Console.say(servers.size() == 1 ? "stopping the server" : "stopping the " + running + " server instances");
        }
        ChildProcess.stopTogether(List.copyOf(servers.values()), 60);
        servers.clear();
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
