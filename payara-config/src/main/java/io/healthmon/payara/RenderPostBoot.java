package io.healthmon.payara;

import java.nio.file.Path;

/**
 * Writes the post-boot command file for {@code DATABASE_URL}, for running Payara Micro yourself:
 * {@code java -jar healthmon-payara-config.jar post-boot.asadmin}, then
 * {@code java -jar payara-micro.jar --addlibs postgresql.jar --postbootcommandfile post-boot.asadmin --deploy healthmon-server.war}.
 * Pool sizes come from {@code HEALTHMON_DB_POOL_STEADY}, {@code HEALTHMON_DB_POOL_MAX} and
 * {@code HEALTHMON_DB_POOL_MAX_WAIT_MS}. Exit status 2 with a message naming the variable when one is wrong.
 */
public final class RenderPostBoot {

    private RenderPostBoot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar healthmon-payara-config.jar OUTPUT_FILE   (reads DATABASE_URL)");
            System.exit(2);
        }
        try {
            DatabaseCoordinates db = DatabaseCoordinates.parse(System.getenv("DATABASE_URL"));
            PostBootCommands.PoolSizing d = PostBootCommands.PoolSizing.DEFAULT;
            PostBootCommands.PoolSizing sizing = new PostBootCommands.PoolSizing(
                    intFromEnv("HEALTHMON_DB_POOL_STEADY", d.steady()),
                    intFromEnv("HEALTHMON_DB_POOL_MAX", d.max()),
                    intFromEnv("HEALTHMON_DB_POOL_MAX_WAIT_MS", d.maxWaitMillis()));
            Path written = PostBootCommands.write(Path.of(args[0]), db, sizing);
            System.out.println("wrote " + written + " for " + db);
        } catch (IllegalArgumentException e) {
            System.err.println("healthmon: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int intFromEnv(String name, int defaultValue) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
