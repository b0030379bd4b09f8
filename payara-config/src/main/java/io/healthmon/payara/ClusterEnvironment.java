package io.healthmon.payara;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An operator's cluster settings, from the environment, as {@link ClusterFlags}:
 * <ul>
 * <li>{@code HEALTHMON_CLUSTER_NAME}: the grid's name; set, it turns clustering on (unset: {@code --nohazelcast});</li>
 * <li>{@code HEALTHMON_CLUSTER_MEMBERS} ({@code host:port,host:port}) or {@code HEALTHMON_CLUSTER_DNS}
 *     ({@code name:port}): where the other members are, one of the two;</li>
 * <li>{@code HEALTHMON_CLUSTER_INTERFACES}: the addresses to bind and advertise ({@code 10.0.1.5}, {@code 10.0.1.*});</li>
 * <li>{@code HEALTHMON_CLUSTER_START_PORT}: the grid port;</li>
 * <li>{@code HEALTHMON_CLUSTER_HOST_AWARE}: {@code true} (default) or {@code false} for several instances on one host;</li>
 * <li>{@code HEALTHMON_INSTANCE_NAME}: this member's name (checked always, passed only to a member: without the
 *     grid Payara Micro ignores {@code --name}).</li>
 * </ul>
 * A value that cannot be used is refused with a message naming the variable; so is a cluster setting
 * without {@code HEALTHMON_CLUSTER_NAME} (an instance meant to join a cluster would otherwise run alone),
 * and a cluster name without {@code _MEMBERS} or {@code _DNS} (Payara would fall back to multicast, which
 * most networks drop, and each instance would form a grid of its own without a word).
 */
public final class ClusterEnvironment {

    public static final String NAME = "HEALTHMON_CLUSTER_NAME";
    public static final String MEMBERS = "HEALTHMON_CLUSTER_MEMBERS";
    public static final String DNS = "HEALTHMON_CLUSTER_DNS";
    public static final String INTERFACES = "HEALTHMON_CLUSTER_INTERFACES";
    public static final String START_PORT = "HEALTHMON_CLUSTER_START_PORT";
    public static final String HOST_AWARE = "HEALTHMON_CLUSTER_HOST_AWARE";
    public static final String INSTANCE_NAME = "HEALTHMON_INSTANCE_NAME";
    /** The variable of the rendered file ({@link #writeFlagsFile}) that holds the flags. */
    public static final String FLAGS_VARIABLE = "PAYARA_MICRO_CLUSTER_FLAGS";

    /**
     * Names go to Payara's asadmin {@code set} commands and, rendered, through a word-splitting environment
     * file: no spaces, quotes, ':' or '='.
     */
    private static final Pattern NAME_TEXT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern INTERFACE_PART = Pattern.compile("\\*|\\d{1,3}(-\\d{1,3})?");

    private ClusterEnvironment() {
    }

    public static ClusterFlags flags(Map<String, String> env) {
        Optional<String> instanceName = text(env, INSTANCE_NAME).map(v -> name(INSTANCE_NAME, v));
        Optional<String> clusterName = text(env, NAME).map(v -> name(NAME, v));
        if (clusterName.isEmpty()) {
            for (String setting : List.of(MEMBERS, DNS, INTERFACES, START_PORT, HOST_AWARE)) {
                if (text(env, setting).isPresent()) {
                    throw new IllegalArgumentException(setting + " is set but " + NAME + " is not: set " + NAME
                            + " to run this instance in a cluster, or unset " + setting);
                }
            }
            return new ClusterFlags.Standalone();
        }
        return new ClusterFlags.Clustered(clusterName.get(), discovery(env),
                text(env, INTERFACES).map(ClusterEnvironment::interfaces).orElse(List.of()),
                text(env, START_PORT).map(v -> port(START_PORT, v)),
                instanceName,
                text(env, HOST_AWARE).map(ClusterEnvironment::hostAware).orElse(true));
    }

    /**
     * Writes the flags as one environment variable, {@code PAYARA_MICRO_CLUSTER_FLAGS="--clustername ..."}:
     * a systemd {@code EnvironmentFile} that the unit's {@code ExecStart} splits into words with
     * {@code $PAYARA_MICRO_CLUSTER_FLAGS}, or a file a shell sources.
     */
    public static Path writeFlagsFile(Path file, ClusterFlags flags) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "# Payara Micro's cluster flags, rendered from HEALTHMON_CLUSTER_* and HEALTHMON_INSTANCE_NAME\n"
                + FLAGS_VARIABLE + "=\"" + String.join(" ", flags.arguments()) + "\"\n");
        return file;
    }

    private static ClusterFlags.Discovery discovery(Map<String, String> env) {
        Optional<String> members = text(env, MEMBERS);
        Optional<String> dns = text(env, DNS);
        if (members.isPresent() && dns.isPresent()) {
            throw new IllegalArgumentException(MEMBERS + " and " + DNS + " are both set: the members are found one way,"
                    + " by the list or by DNS; unset one");
        }
        if (members.isPresent()) {
            List<ClusterFlags.Endpoint> list = new ArrayList<>();
            for (String member : members.get().split(",", -1)) {
                list.add(endpoint(MEMBERS, member.trim()));
            }
            return new ClusterFlags.TcpIp(list);
        }
        if (dns.isPresent()) {
            return new ClusterFlags.Dns(endpoint(DNS, dns.get()));
        }
        throw new IllegalArgumentException(NAME + " is set but neither " + MEMBERS + " (host:port,host:port) nor " + DNS
                + " (name:port) says where the other members are");
    }

    private static ClusterFlags.Endpoint endpoint(String variable, String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0 || !HOST.matcher(text.substring(0, colon)).matches()) {
            throw new IllegalArgumentException(variable + " must be host:port" + (variable.equals(MEMBERS) ? " entries separated by commas" : "")
                    + " (a host name or IPv4 address and a port), was '" + text + "'");
        }
        return new ClusterFlags.Endpoint(text.substring(0, colon), port(variable, text.substring(colon + 1)));
    }

    private static List<String> interfaces(String text) {
        List<String> out = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            String candidate = entry.trim();
            String[] parts = candidate.split("\\.", -1);
            boolean valid = parts.length == 4;
            for (String part : parts) {
                valid &= INTERFACE_PART.matcher(part).matches() && partInRange(part);
            }
            if (!valid) {
                throw new IllegalArgumentException(INTERFACES + " must be IPv4 addresses separated by commas, each part a"
                        + " number, * or a range such as 10-20 (10.0.1.5, 10.0.1.*), was '" + text + "'");
            }
            out.add(candidate);
        }
        return out;
    }

    private static boolean partInRange(String part) {
        if (part.equals("*")) {
            return true;
        }
        for (String bound : part.split("-")) {
            if (Integer.parseInt(bound) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean hostAware(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(HOST_AWARE + " must be true or false, was '" + text + "'");
        };
    }

    private static String name(String variable, String text) {
        if (!NAME_TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException(variable + " must be 1 to 64 letters, digits, '.', '_' or '-', starting with"
                    + " a letter or digit, was '" + text + "'");
        }
        return text;
    }

    private static int port(String variable, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(variable + ": the port must be a number from 1 to 65535, was '" + text + "'");
    }

    /** The variable's value, trimmed; empty when unset or blank. */
    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
