package io.healthmon.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher was asked to do. Flags win over environment variables, which win over defaults:
 * {@code --data-dir DIR} / {@code HEALTHMON_HOME} (default {@code ~/.healthmon}), {@code --port N} /
 * {@code HEALTHMON_PORT} (default 8080), {@code --no-agent}, and {@code DATABASE_URL} for an external
 * PostgreSQL instead of the embedded one; {@code --https-port N} / {@code HEALTHMON_HTTPS_PORT} adds a TLS
 * listener with a self-signed certificate generated on first use, which the launcher's agent uses.
 * {@code --instances N} / {@code HEALTHMON_INSTANCES} (1 to 9, default 1) runs N Payara Micro instances in one
 * cluster, on consecutive HTTP (and HTTPS) ports from those given and consecutive grid ports from
 * {@code --grid-port N} / {@code HEALTHMON_GRID_PORT} (default 5900); one instance runs without the grid.
 */
record LauncherOptions(Path dataDir, int port, Optional<Integer> httpsPort, boolean startAgent, Optional<String> databaseUrl,
                       int instances, int gridPort) {

    static final int DEFAULT_PORT = 8080;
    static final int MAX_INSTANCES = 9;
    static final int DEFAULT_GRID_PORT = 5900;

    /** One instance without the grid, as the embedded run was before clusters. */
    LauncherOptions(Path dataDir, int port, Optional<Integer> httpsPort, boolean startAgent, Optional<String> databaseUrl) {
        this(dataDir, port, httpsPort, startAgent, databaseUrl, 1, DEFAULT_GRID_PORT);
    }

    static LauncherOptions parse(String[] args, Map<String, String> env) {
        Path dataDir = Optional.ofNullable(env.get("HEALTHMON_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".healthmon"));
        int port = env.containsKey("HEALTHMON_PORT") ? port("HEALTHMON_PORT", env.get("HEALTHMON_PORT")) : DEFAULT_PORT;
        Optional<Integer> httpsPort = Optional.ofNullable(env.get("HEALTHMON_HTTPS_PORT")).filter(s -> !s.isBlank())
                .map(v -> port("HEALTHMON_HTTPS_PORT", v));
        int instances = env.containsKey("HEALTHMON_INSTANCES") ? instances("HEALTHMON_INSTANCES", env.get("HEALTHMON_INSTANCES")) : 1;
        int gridPort = env.containsKey("HEALTHMON_GRID_PORT") ? port("HEALTHMON_GRID_PORT", env.get("HEALTHMON_GRID_PORT"))
                : DEFAULT_GRID_PORT;
        boolean agent = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                case "--port" -> port = port("--port", value(args, ++i, "--port"));
                case "--https-port" -> httpsPort = Optional.of(port("--https-port", value(args, ++i, "--https-port")));
                case "--instances" -> instances = instances("--instances", value(args, ++i, "--instances"));
                case "--grid-port" -> gridPort = port("--grid-port", value(args, ++i, "--grid-port"));
                case "--no-agent" -> agent = false;
                case "--help", "-h" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        Optional<String> databaseUrl = Optional.ofNullable(env.get("DATABASE_URL")).filter(s -> !s.isBlank());
        checkPortRanges(port, httpsPort, instances, gridPort);
        return new LauncherOptions(dataDir.toAbsolutePath(), port, httpsPort, agent, databaseUrl, instances, gridPort);
    }

    /** Each instance takes the next port of each range: the ranges must fit below 65536 and stay apart. */
    private static void checkPortRanges(int port, Optional<Integer> httpsPort, int instances, int gridPort) {
        String several = instances > 1 ? " (" + instances + " instances take " + instances + " ports from each)" : "";
        requireFits("--port", port, instances);
        if (httpsPort.isPresent()) {
            requireFits("--https-port", httpsPort.get(), instances);
            if (overlap(port, httpsPort.get(), instances)) {
                throw new UsageException(instances > 1 ? "the --https-port range must not overlap the --port range" + several
                        : "--https-port must differ from --port (" + port + ")");
            }
        }
        if (instances > 1) {
            requireFits("--grid-port", gridPort, instances);
            if (overlap(port, gridPort, instances) || httpsPort.filter(https -> overlap(https, gridPort, instances)).isPresent()) {
                throw new UsageException("the --grid-port range must not overlap the HTTP or HTTPS ports" + several);
            }
        }
    }

    private static void requireFits(String option, int first, int instances) {
        if (first + instances - 1 > 65535) {
            throw new UsageException(option + " " + first + " leaves no room for " + instances + " instances (ports up to 65535)");
        }
    }

    private static boolean overlap(int a, int b, int length) {
        return Math.abs(a - b) < length;
    }

    private static int instances(String name, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_INSTANCES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(name + " must be a number from 1 to " + MAX_INSTANCES + ", was '" + text + "'");
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new UsageException(flag + " needs a value");
        }
        return args[index];
    }

    private static int port(String name, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a port number from 1 to 65535, was '" + text + "'");
    }

    static final String USAGE = """
            usage: healthmon [--data-dir DIR] [--port N] [--https-port N] [--instances N] [--grid-port N] [--no-agent]
              --data-dir DIR  where the database, tokens, agent key and logs live (env HEALTHMON_HOME; default ~/.healthmon)
              --port N        HTTP port of the server (env HEALTHMON_PORT; default 8080)
              --https-port N  also serve HTTPS on this port, with a self-signed certificate generated on first use
                              (kept in DIR/tls; its agent trusts exactly that certificate) (env HEALTHMON_HTTPS_PORT)
              --instances N   run N server instances (1 to 9) in one cluster on this machine, on ports N, N+1, ...
                              from --port and --https-port; the agent knows them all (env HEALTHMON_INSTANCES; default 1)
              --grid-port N   first of the cluster's grid ports, one per instance (env HEALTHMON_GRID_PORT; default 5900)
              --no-agent      do not start an agent for this machine
            Environment: DATABASE_URL uses that PostgreSQL instead of the embedded one; HEALTHMON_* server
            settings (thresholds, webhooks, tokens) are passed to the server.""";

    /** A bad command line; the message says what, and the usage follows. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
