package io.healthmon.agent.cli;

import io.healthmon.agent.collect.Collector;
import io.healthmon.agent.collect.CollectorRunner;
import io.healthmon.agent.collect.CpuCollector;
import io.healthmon.agent.collect.DiskCollector;
import io.healthmon.agent.collect.FailedServicesCollector;
import io.healthmon.agent.collect.LoadCollector;
import io.healthmon.agent.collect.MemoryCollector;
import io.healthmon.agent.collect.NetworkCollector;
import io.healthmon.agent.collect.OshiSystemSource;
import io.healthmon.agent.collect.Sleeper;
import io.healthmon.agent.collect.SystemSource;
import io.healthmon.agent.collect.UptimeCollector;
import io.healthmon.agent.config.AgentConfig;
import io.healthmon.agent.config.ConfigException;
import io.healthmon.agent.config.ConfigLoader;
import io.healthmon.agent.json.ReportWriter;
import io.healthmon.agent.spool.Spool;
import io.healthmon.agent.systemd.CommandRunner;
import io.healthmon.agent.systemd.Systemctl;
import io.healthmon.agent.transport.Backoff;
import io.healthmon.agent.transport.FailoverTransport;
import io.healthmon.agent.transport.HttpPoster;
import io.healthmon.agent.transport.HttpTransport;
import io.healthmon.report.MetricsReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code healthmon-agent [--config FILE] [--once] [--print] [--check-config] [--version]} and
 * {@code healthmon-agent register [--server URL[,URL...]] --token TOKEN [--config FILE] [--server-id ID]}.
 * Exit status: 0 done, 1 failed, 2 bad configuration or usage (the message names the key).
 */
public final class AgentMain {

    static final String DEFAULT_CONFIG = "/etc/healthmon-agent/agent.yaml";
    static final String USAGE = """
            usage: healthmon-agent [--config FILE] [--once] [--print] [--check-config] [--version]
                   healthmon-agent register [--server URL[,URL...]] --token TOKEN [--config FILE] [--server-id ID]
              --config FILE    the YAML configuration (default %s if it exists)
              --once           collect and send one report, then exit
              --print          collect one report and print its JSON; send nothing
              --check-config   check the configuration and exit
              --version        print the version and exit
              --server         register with these servers (comma-separated, tried in order) rather than
                               the configuration's
            Environment: every key overrides the file as MONITORING_ and the key after "agent.", in
            capitals, dots as underscores (MONITORING_SERVER_URL, MONITORING_API_KEY,
            MONITORING_SPOOL_MAX_AGE, ...; lists comma-separated).""".replace("%s", DEFAULT_CONFIG); // not formatted(): a Formatter loads locale data that stays resident

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            CommandLine cli = CommandLine.parse(args);
            if (cli.version()) {
                System.out.println("healthmon-agent " + version());
                return 0;
            }
            ConfigLoader loader = new ConfigLoader(System.getenv(), AgentMain::hostName);
            Optional<Path> file = cli.config().or(() -> Optional.of(Path.of(DEFAULT_CONFIG)).filter(Files::exists));
            if (cli.register()) {
                return register(cli, loader, file);
            }
            if (cli.print()) {
                Log.to(System.err);
                AgentConfig config = loader.load(file, ConfigLoader.Purpose.PRINT);
                MetricsReport report = runner(config).collect();
                System.out.println(new String(ReportWriter.pretty(report), java.nio.charset.StandardCharsets.UTF_8));
                return 0;
            }
            AgentConfig config = loader.load(file, ConfigLoader.Purpose.RUN);
            if (cli.checkConfig()) {
                System.out.println("configuration OK: " + servers(config) + ", server id " + config.serverId()
                        + ", every " + config.collectionInterval().toSeconds() + " s, spool " + config.spoolDirectory());
                return 0;
            }
            AgentService service = service(config);
            if (cli.once()) {
                service.cycle();
                return 0;
            }
            Log.info("healthmon-agent " + version() + " reporting as " + config.serverId() + " to " + servers(config)
                    + " every " + config.collectionInterval().toSeconds() + " s");
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.stop();
                main.interrupt();
                try {
                    main.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "agent-stop"));
            service.run();
            return 0;
        } catch (CommandLine.UsageException e) {
            System.err.println("healthmon-agent: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        } catch (ConfigException e) {
            System.err.println("healthmon-agent: configuration error: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("healthmon-agent: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private static int register(CommandLine cli, ConfigLoader loader, Optional<Path> file)
            throws IOException, InterruptedException {
        String token = cli.token().orElseThrow(() -> new CommandLine.UsageException("register needs --token TOKEN"));
        java.util.Map<String, String> flags = new java.util.HashMap<>();
        // Without --server, the configuration's servers (server_url or server_urls, or the environment's).
        cli.server().ifPresent(server -> flags.put(server.contains(",") ? "agent.server_urls" : "agent.server_url", server));
        cli.serverId().ifPresent(id -> flags.put("agent.server_id", id));
        AgentConfig config = loader.load(file, ConfigLoader.Purpose.REGISTER, flags);
        URI registeredWith = Registration.register(HttpPoster.of(config), config.serverUrls(), token, config.serverId(),
                config.apiKeyFile());
        System.out.println("registered " + config.serverId() + " with " + registeredWith + "; API key written to "
                + config.apiKeyFile());
        return 0;
    }

    /** "server URL", or "servers URL, URL, ... (in this order, ...)" for a cluster. */
    private static String servers(AgentConfig config) {
        List<URI> urls = config.serverUrls();
        if (urls.size() == 1) {
            return "server " + urls.get(0);
        }
        StringBuilder out = new StringBuilder("servers ");
        for (int i = 0; i < urls.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(urls.get(i));
        }
        return out.append(" (in this order; back to the first ").append(config.failbackAfter().toSeconds())
                .append(" s after it last failed)").toString();
    }

    static AgentService service(AgentConfig config) throws IOException {
        HttpPoster http = HttpPoster.of(config);
        String apiKey = config.requireApiKey();
        List<HttpTransport> servers = new ArrayList<>();
        for (URI url : config.serverUrls()) {
            servers.add(new HttpTransport(http, url, apiKey));
        }
        FailoverTransport transport = new FailoverTransport(servers, config.failbackAfter(), Clock.systemUTC(),
                new FailoverTransport.SwitchLog() {
                    @Override
                    public void warn(String line) {
                        Log.warn(line);
                    }

                    @Override
                    public void info(String line) {
                        Log.info(line);
                    }
                });
        // After the quick retries, one try per interval: once the server is back the spool follows within
        // an interval, and a fleet waiting out an outage asks no more often than it reports.
        Backoff backoff = new Backoff(config.retryBackoff(), config.retryAttempts(), config.collectionInterval(),
                () -> ThreadLocalRandom.current().nextDouble());
        Spool spool = new Spool(config.spoolDirectory(), config.spoolMaxBytes(), config.spoolMaxAge(), Clock.systemUTC());
        SpoolSender sender = new SpoolSender(spool, transport, backoff, Sleeper.REAL, config.spoolBatchSize());
        return new AgentService(runner(config), spool, sender, Clock.systemUTC(), Sleeper.REAL,
                config.collectionInterval(), config.retryAttempts());
    }

    static CollectorRunner runner(AgentConfig config) {
        SystemSource system = new OshiSystemSource();
        List<Collector> collectors = List.of(
                new CpuCollector(system, Sleeper.REAL, 1000),
                new MemoryCollector(system),
                new DiskCollector(system, config.excludedFsTypes(), config.excludedMountpoints()),
                new LoadCollector(system),
                new UptimeCollector(system),
                new NetworkCollector(system),
                new FailedServicesCollector(new Systemctl(CommandRunner.SYSTEM, ZoneId.systemDefault())));
        return new CollectorRunner(collectors, Clock.systemUTC(), config.serverId(), version());
    }

    static String version() {
        try (InputStream in = AgentMain.class.getResourceAsStream("/healthmon-agent.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

}
