package io.healthmon.testsupport.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The HAProxy configuration in front of healthmon's instances, in one place: the cluster test runs it
 * ({@link Haproxy}), bench/cluster-ingest.sh prints it by running this file as a program, and
 * docs/cluster.md quotes it, so all three say the same. Why each directive:
 * <ul>
 * <li>{@code option httpchk GET /health/ready} with {@code http-check expect status 200}: an instance
 *     takes traffic only once its application is deployed and its database answers; a restarting
 *     Payara Micro answers 404 until then.</li>
 * <li>{@code default-server inter 1s fall 2 rise 2}: a dead instance is out after two failed checks
 *     a second apart, a restarted one back in after two good ones.</li>
 * <li>{@code retries 3} with {@code option redispatch}: a connection refused by a dead instance is
 *     tried again on another one, so most requests never see the death. A request already sent to
 *     an instance that dies is not retried (it is a POST): the client gets 502 and, as every agent
 *     does, sends it again (ingest is idempotent on server and timestamp).</li>
 * <li>{@code option forwardfor}: each request says its client in {@code X-Forwarded-For}, which the
 *     instances take for the failed-authentication limits once they trust the balancer
 *     ({@code healthmon.http.trusted-proxies}); until then they ignore it.</li>
 * <li>{@code timeout server 70s}: longer than any answer the server gives: an ingest request is answered
 *     503 within {@code healthmon.ingest.answer-within} when it cannot commit, and an operator's read
 *     waits at most the database driver's 60 s socket timeout when PostgreSQL hangs.</li>
 * </ul>
 * The stats socket ({@code level user}: read only) is how a test asks which instances are UP.
 */
public final class HaproxyConfig {

    /** One instance behind HAProxy; the name is how HAProxy's stats and log call it. */
    public record Backend(String name, String host, int port) {
    }

    /** 1: the stats socket's path; 2: the address and port to listen on; 3: one server line per instance. */
    static final String TEMPLATE = """
            global
                stats socket %1$s mode 600 level user

            defaults
                mode http
                timeout connect 2s
                timeout client 30s
                timeout server 70s
                retries 3
                option redispatch

            frontend healthmon
                bind %2$s
                default_backend healthmon

            backend healthmon
                balance roundrobin
                option forwardfor
                option httpchk GET /health/ready
                http-check expect status 200
                default-server inter 1s fall 2 rise 2
            %3$s""";

    /** The backend section's name, as HAProxy's stats report it. */
    static final String BACKEND_SECTION = "healthmon";

    private HaproxyConfig() {
    }

    /** The configuration listening on {@code bind} ({@code 127.0.0.1:18400}) in front of {@code backends}. */
    public static String render(String bind, Path statsSocket, List<Backend> backends) {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("HAProxy needs at least one backend");
        }
        String servers = backends.stream()
                .map(b -> "    server " + b.name() + " " + b.host() + ":" + b.port() + " check\n")
                .collect(Collectors.joining());
        return TEMPLATE.formatted(statsSocket, bind, servers);
    }

    /**
     * Prints the configuration, for scripts: {@code java HaproxyConfig.java BIND STATS_SOCKET HOST:PORT...};
     * the instances are named healthmon-1, healthmon-2, ... in the order given, as the launcher names them.
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: java HaproxyConfig.java BIND STATS_SOCKET HOST:PORT [HOST:PORT...]");
            System.exit(2);
        }
        List<Backend> backends = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            int colon = args[i].lastIndexOf(':');
            backends.add(new Backend("healthmon-" + (i - 1), args[i].substring(0, colon),
                    Integer.parseInt(args[i].substring(colon + 1))));
        }
        System.out.print(render(args[0], Path.of(args[1]), backends));
    }
}
