package io.healthmon.launcher;

import io.healthmon.payara.ClusterFlags;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Payara Micro instance of the embedded run: its name, ports, root directory, log, heap and cluster
 * flags. A single instance is the server as it always was (no grid, {@code run/payara},
 * {@code logs/server.log}); N instances are {@code healthmon-1..N}, members of the cluster
 * {@value #CLUSTER_NAME} on loopback, each on the next port of each range and with its own root directory
 * and log.
 */
record ServerInstance(String name, int httpPort, Optional<Integer> httpsPort, Optional<Integer> gridPort,
                      Path rootDir, Path log, String maxHeap, ClusterFlags cluster) {

    static final String CLUSTER_NAME = "healthmon";
    static final String LOOPBACK = "127.0.0.1";
    /** The heap of the single server, as before clusters. */
    static final String SINGLE_HEAP = "768m";
    /**
     * The heap of each of several instances: they share the load, and under the ingest benchmark one server's
     * old generation stayed near 100 MB (docs/performance.md), so 512 MB still leaves each ample room, while
     * nine instances at 768 MB would ask for 7 GB beside PostgreSQL's cache on a machine that may have 8.
     */
    static final String CLUSTER_MEMBER_HEAP = "512m";

    /** The instances the options ask for, in order. */
    static List<ServerInstance> plan(LauncherOptions options) {
        Path run = options.dataDir().resolve("run");
        Path logs = options.dataDir().resolve("logs");
        if (options.instances() == 1) {
            return List.of(new ServerInstance(CLUSTER_NAME, options.port(), options.httpsPort(), Optional.empty(),
                    run.resolve("payara"), logs.resolve("server.log"), SINGLE_HEAP, new ClusterFlags.Standalone()));
        }
        List<ClusterFlags.Endpoint> members = new ArrayList<>();
        for (int i = 0; i < options.instances(); i++) {
            members.add(new ClusterFlags.Endpoint(LOOPBACK, options.gridPort() + i));
        }
        List<ServerInstance> out = new ArrayList<>();
        for (int i = 0; i < options.instances(); i++) {
            int number = i + 1;
            String name = CLUSTER_NAME + "-" + number;
            int offset = i;
            // On one host: members bind and advertise loopback only (without --interfaces Payara advertises the
            // machine's first other address), and host-aware partitioning is off: with every member on one host
            // it splits them into two groups, and of three members one held a copy of every entry in the grid.
            ClusterFlags flags = new ClusterFlags.Clustered(CLUSTER_NAME, new ClusterFlags.TcpIp(members), List.of(LOOPBACK),
                    Optional.of(options.gridPort() + i), Optional.of(name), false);
            out.add(new ServerInstance(name, options.port() + i, options.httpsPort().map(p -> p + offset),
                    Optional.of(options.gridPort() + i), run.resolve("payara-" + number), logs.resolve("server-" + number + ".log"),
                    CLUSTER_MEMBER_HEAP, flags));
        }
        return out;
    }

    boolean clustered() {
        return cluster instanceof ClusterFlags.Clustered;
    }

    /** For the terminal: "the server", or "the server healthmon-2" when there are several. */
    String label() {
        return clustered() ? "the server " + name : "the server";
    }

    URI base() {
        return URI.create("http://" + LOOPBACK + ":" + httpPort + "/");
    }

    Optional<URI> secureBase() {
        return httpsPort.map(p -> URI.create("https://" + LOOPBACK + ":" + p + "/"));
    }

    /** The ports this instance listens on, each with what it is for, to check before anything starts. */
    List<PortCheck.Use> ports() {
        String of = clustered() ? " of " + name : "";
        List<PortCheck.Use> out = new ArrayList<>(List.of(new PortCheck.Use(httpPort, "the HTTP port" + of, "--port")));
        httpsPort.ifPresent(p -> out.add(new PortCheck.Use(p, "the HTTPS port" + of, "--https-port")));
        gridPort.ifPresent(p -> out.add(new PortCheck.Use(p, "the grid port" + of, "--grid-port")));
        return out;
    }
}
