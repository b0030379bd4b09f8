package io.healthmon.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The benchmark's settings. Tokens come from flags, or from an embedded run's data directory
 * ({@code --data-dir}, its credentials.properties), so it runs against {@code ./healthmon} as is.
 */
record BenchOptions(URI url, String enrollmentToken, String adminToken, int agents, int concurrency,
                    Duration duration, Duration warmup, Optional<String> databaseUrl, boolean uniformValues,
                    int ioThreads, boolean blocking, Optional<Path> dataDir) {

    static final String USAGE = """
            usage: java -jar healthmon-bench.jar [--url URL] (--data-dir DIR | --enrollment-token T --admin-token T)
                   [--agents N] [--concurrency N] [--duration SECONDS] [--warmup SECONDS] [--database-url URL] [--uniform-values]
                   [--io-threads N | --blocking]
              --url            the server (default http://127.0.0.1:8080)
              --data-dir       an embedded run's data directory: tokens are read from its credentials.properties
              --agents         simulated agents, each with its own key (default 6000: at the default per-key
                               limit of 2 requests/s, 9,000 reports/s needs at least 4,500)
              --concurrency    connections posting at once (default 128)
              --duration       measured seconds (default 30), after --warmup seconds (default 120: the server's
                               JIT needs about two minutes under this load on 2 cores to reach its steady
                               state; --warmup 5 measures a server just started)
              --database-url   jdbc:postgresql://... to count stored rows directly (else counted through the API)
              --uniform-values draw every value afresh (most reports then change an alert: the alert path's
                               worst case) instead of letting each host's values wander as on a real fleet
              --io-threads     threads driving the connections with non-blocking sockets, each its share of
                               them (default 1: the load generator shares the cores with the server)
              --blocking       drive each connection from its own thread with blocking sockets instead, the
                               former way, for comparison (also used whatever the flag for an https URL)""";

    static BenchOptions parse(String[] args) throws IOException {
        URI url = URI.create("http://127.0.0.1:8080/");
        String enrollment = null;
        String admin = null;
        int agents = 6000;
        int concurrency = 128;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(120);
        boolean uniformValues = false;
        String databaseUrl = null;
        int ioThreads = 1;
        boolean blocking = false;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--url" -> url = URI.create(required(args[i], value).endsWith("/") ? value : value + "/");
                case "--enrollment-token" -> enrollment = required(args[i], value);
                case "--admin-token" -> admin = required(args[i], value);
                case "--data-dir" -> {
                    dataDir = Path.of(required(args[i], value));
                    Properties p = credentials(dataDir);
                    enrollment = p.getProperty("HEALTHMON_ENROLLMENT_TOKEN");
                    admin = p.getProperty("HEALTHMON_ADMIN_TOKEN");
                }
                case "--agents" -> agents = positive(args[i], value);
                case "--concurrency" -> concurrency = positive(args[i], value);
                case "--duration" -> duration = Duration.ofSeconds(positive(args[i], value));
                case "--warmup" -> warmup = Duration.ofSeconds(Integer.parseInt(required(args[i], value)));
                case "--database-url" -> databaseUrl = required(args[i], value);
                case "--uniform-values" -> {
                    uniformValues = true;
                    i--; // a flag: it takes no value
                }
                case "--io-threads" -> ioThreads = positive(args[i], value);
                case "--blocking" -> {
                    blocking = true;
                    i--; // a flag: it takes no value
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (enrollment == null || admin == null) {
            throw new IllegalArgumentException("give --data-dir, or both --enrollment-token and --admin-token");
        }
        return new BenchOptions(url, enrollment, admin, agents, concurrency, duration, warmup, Optional.ofNullable(databaseUrl),
                uniformValues, ioThreads, blocking, Optional.ofNullable(dataDir));
    }

    /**
     * Where to read the database directly: {@code --database-url}, or the embedded run's own PostgreSQL
     * (its port from {@code pgdata/postmaster.pid}, its password from credentials.properties), once it runs.
     */
    Optional<String> database() throws IOException {
        if (databaseUrl.isPresent() || dataDir.isEmpty()) {
            return databaseUrl;
        }
        if (!Files.exists(dataDir.get().resolve("pgdata/postmaster.pid"))) {
            return Optional.empty(); // DATABASE_URL: an external PostgreSQL the bench is not told about
        }
        return Optional.of(embeddedDatabase(dataDir.get()));
    }

    /** The JDBC URL of an embedded run's PostgreSQL, which must be running. */
    static String embeddedDatabase(Path dataDir) throws IOException {
        Path pid = dataDir.resolve("pgdata/postmaster.pid");
        String port = Files.readAllLines(pid).get(3).trim(); // the fourth line of postmaster.pid is its port
        String password = credentials(dataDir).getProperty("EMBEDDED_DATABASE_PASSWORD");
        return "jdbc:postgresql://127.0.0.1:" + port + "/healthmon?user=healthmon&password=" + password;
    }

    /** An embedded run's generated secrets. */
    static Properties credentials(Path dataDir) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("credentials.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    private static int positive(String flag, String value) {
        int n = Integer.parseInt(required(flag, value));
        if (n < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1");
        }
        return n;
    }
}
