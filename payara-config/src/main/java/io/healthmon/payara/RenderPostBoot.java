package io.healthmon.payara;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the post-boot command file for {@code DATABASE_URL} (or {@code HEALTHMON_DB_HOST},
 * {@code _PORT}, {@code _NAME}, {@code _USER}, {@code _PASSWORD}), for running Payara Micro yourself:
 * {@code java -jar healthmon-payara-config.jar post-boot.asadmin}, then
 * {@code java -jar payara-micro.jar --addlibs postgresql.jar --postbootcommandfile post-boot.asadmin --deploy healthmon-server.war}.
 * Pool sizes come from {@code HEALTHMON_DB_POOL_STEADY}, {@code HEALTHMON_DB_POOL_MAX} and
 * {@code HEALTHMON_DB_POOL_MAX_WAIT_MS}; request threads from {@code HEALTHMON_HTTP_THREADS}; the log file's
 * format from {@code HEALTHMON_LOG_FORMAT} ({@code ulf}, {@code odl}, {@code json}). The same file works for
 * Payara Server: {@code asadmin multimode --file FILE}. Exit status 2 with a message naming the variable when one is wrong.
 * A second file name also writes Payara Micro's logging configuration with plain, uncoloured lines
 * ({@link PlainLogging}), for {@code --logproperties}; a third, Payara Micro's cluster flags from
 * {@code HEALTHMON_CLUSTER_*} and {@code HEALTHMON_INSTANCE_NAME} ({@link ClusterEnvironment}), as the
 * environment file {@code PAYARA_MICRO_CLUSTER_FLAGS="..."} that the systemd unit's {@code ExecStart} expands.
 * Every variable is checked before any file is written.
 */
public final class RenderPostBoot {

    private RenderPostBoot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: java -jar healthmon-payara-config.jar POST_BOOT_FILE [LOGGING_PROPERTIES_FILE [CLUSTER_FLAGS_FILE]]"
                    + "   (reads DATABASE_URL or HEALTHMON_DB_*; the second file is for --logproperties: plain log lines;"
                    + " the third holds " + ClusterEnvironment.FLAGS_VARIABLE + ", Payara Micro's cluster flags from HEALTHMON_CLUSTER_*)");
            System.exit(2);
        }
        try {
            Map<String, String> env = System.getenv();
            DatabaseCoordinates db = database(env);
            PostBootCommands.PoolSizing sizing = poolSizing(env);
            PostBootCommands.ServerTuning tuning = tuning(env);
            ClusterFlags cluster = ClusterEnvironment.flags(env);
            Path written = PostBootCommands.write(Path.of(args[0]), db, sizing, tuning);
            System.out.println("wrote " + written + " for " + db);
            if (args.length >= 2) {
                System.out.println("wrote " + PlainLogging.write(Path.of(args[1])) + " (Payara Micro's --logproperties: plain log lines)");
            }
            if (args.length == 3) {
                System.out.println("wrote " + ClusterEnvironment.writeFlagsFile(Path.of(args[2]), cluster)
                        + " (Payara Micro's cluster flags: " + String.join(" ", cluster.arguments()) + ")");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("healthmon: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * The pool's sizes from {@code HEALTHMON_DB_POOL_STEADY}, {@code HEALTHMON_DB_POOL_MAX} and
     * {@code HEALTHMON_DB_POOL_MAX_WAIT_MS}, each defaulting to {@link PostBootCommands.PoolSizing#DEFAULT}'s.
     */
    public static PostBootCommands.PoolSizing poolSizing(Map<String, String> env) {
        PostBootCommands.PoolSizing d = PostBootCommands.PoolSizing.DEFAULT;
        return new PostBootCommands.PoolSizing(
                wholeNumber(env, "HEALTHMON_DB_POOL_STEADY").orElse(d.steady()),
                wholeNumber(env, "HEALTHMON_DB_POOL_MAX").orElse(d.max()),
                wholeNumber(env, "HEALTHMON_DB_POOL_MAX_WAIT_MS").orElse(d.maxWaitMillis()));
    }

    /** Request threads from {@code HEALTHMON_HTTP_THREADS}, the log file's format from {@code HEALTHMON_LOG_FORMAT}. */
    public static PostBootCommands.ServerTuning tuning(Map<String, String> env) {
        return new PostBootCommands.ServerTuning(wholeNumber(env, "HEALTHMON_HTTP_THREADS"),
                text(env, "HEALTHMON_LOG_FORMAT").map(v -> v.toLowerCase(Locale.ROOT)));
    }

    /**
     * {@code DATABASE_URL} when set; otherwise {@code HEALTHMON_DB_HOST}, {@code HEALTHMON_DB_PORT} (5432),
     * {@code HEALTHMON_DB_NAME} (healthmon), {@code HEALTHMON_DB_USER} and {@code HEALTHMON_DB_PASSWORD}.
     */
    static DatabaseCoordinates database(Map<String, String> env) {
        String url = env.get("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return DatabaseCoordinates.parse(url);
        }
        String host = env.get("HEALTHMON_DB_HOST");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("set DATABASE_URL, or HEALTHMON_DB_HOST with HEALTHMON_DB_USER and HEALTHMON_DB_PASSWORD");
        }
        int port = wholeNumber(env, "HEALTHMON_DB_PORT").orElse(DatabaseCoordinates.DEFAULT_PORT);
        return new DatabaseCoordinates(host.trim(), port, env.getOrDefault("HEALTHMON_DB_NAME", "healthmon"),
                required(env, "HEALTHMON_DB_USER"), required(env, "HEALTHMON_DB_PASSWORD"));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must be set when HEALTHMON_DB_HOST is used");
        }
        return value;
    }

    /** The variable's value, trimmed; empty when unset or blank. */
    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Optional<Integer> wholeNumber(Map<String, String> env, String name) {
        return text(env, name).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
            }
        });
    }
}
