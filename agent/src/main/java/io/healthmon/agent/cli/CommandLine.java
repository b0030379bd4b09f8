package io.healthmon.agent.cli;

import java.nio.file.Path;
import java.util.Optional;

/** The parsed command line. */
record CommandLine(boolean register, Optional<Path> config, boolean once, boolean print, boolean checkConfig,
                   boolean version, Optional<String> server, Optional<String> token, Optional<String> serverId) {

    static CommandLine parse(String[] args) {
        boolean register = args.length > 0 && args[0].equals("register");
        Path config = null;
        boolean once = false;
        boolean print = false;
        boolean check = false;
        boolean version = false;
        String server = null;
        String token = null;
        String serverId = null;
        for (int i = register ? 1 : 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config" -> config = Path.of(value(args, ++i, arg));
                case "--once" -> once = true;
                case "--print" -> print = true;
                case "--check-config" -> check = true;
                case "--version" -> version = true;
                case "--server" -> server = value(args, ++i, arg);
                case "--token" -> token = value(args, ++i, arg);
                case "--server-id" -> serverId = value(args, ++i, arg);
                case "--help", "-h" -> throw new UsageException("usage");
                default -> throw new UsageException("unknown argument " + arg);
            }
        }
        if (!register && (server != null || token != null || serverId != null)) {
            throw new UsageException("--server, --token and --server-id belong to the register command");
        }
        return new CommandLine(register, Optional.ofNullable(config), once, print, check, version,
                Optional.ofNullable(server), Optional.ofNullable(token), Optional.ofNullable(serverId));
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args[index];
    }

    /** A bad command line; the usage text follows the message. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
