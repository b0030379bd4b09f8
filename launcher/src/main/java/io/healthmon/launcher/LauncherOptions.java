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
 */
record LauncherOptions(Path dataDir, int port, Optional<Integer> httpsPort, boolean startAgent, Optional<String> databaseUrl) {

    static final int DEFAULT_PORT = 8080;

    static LauncherOptions parse(String[] args, Map<String, String> env) {
        Path dataDir = Optional.ofNullable(env.get("HEALTHMON_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".healthmon"));
        int port = env.containsKey("HEALTHMON_PORT") ? port("HEALTHMON_PORT", env.get("HEALTHMON_PORT")) : DEFAULT_PORT;
        Optional<Integer> httpsPort = Optional.ofNullable(env.get("HEALTHMON_HTTPS_PORT")).filter(s -> !s.isBlank())
                .map(v -> port("HEALTHMON_HTTPS_PORT", v));
        boolean agent = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                case "--port" -> port = port("--port", value(args, ++i, "--port"));
                case "--https-port" -> httpsPort = Optional.of(port("--https-port", value(args, ++i, "--https-port")));
                case "--no-agent" -> agent = false;
                case "--help", "-h" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        Optional<String> databaseUrl = Optional.ofNullable(env.get("DATABASE_URL")).filter(s -> !s.isBlank());
        if (httpsPort.isPresent() && httpsPort.get() == port) {
            throw new UsageException("--https-port must differ from --port (" + port + ")");
        }
        return new LauncherOptions(dataDir.toAbsolutePath(), port, httpsPort, agent, databaseUrl);
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
            usage: healthmon [--data-dir DIR] [--port N] [--https-port N] [--no-agent]
              --data-dir DIR  where the database, tokens, agent key and logs live (env HEALTHMON_HOME; default ~/.healthmon)
              --port N        HTTP port of the server (env HEALTHMON_PORT; default 8080)
              --https-port N  also serve HTTPS on this port, with a self-signed certificate generated on first use
                              (kept in DIR/tls; its agent trusts exactly that certificate) (env HEALTHMON_HTTPS_PORT)
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
