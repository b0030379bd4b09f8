package io.healthmon.payara;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How one Payara Micro instance takes part in the Domain Data Grid (Hazelcast), as the command-line flags
 * of Payara Micro 6: either alone ({@code --nohazelcast}, the single server's way), or as a member of a
 * named cluster that finds the others by a fixed list or by DNS. Rendered the same way for the embedded
 * launcher's instances and for an operator's own start ({@link ClusterEnvironment}).
 */
public sealed interface ClusterFlags permits ClusterFlags.Standalone, ClusterFlags.Clustered {

    /** The flags to put on Payara Micro's command line, in order. */
    List<String> arguments();

    /**
     * No grid at all: Payara Micro starts faster, and an instance alone has nothing to share. No {@code --name}
     * either: without the grid Payara Micro 6.2025.10 ignores it (its instance is called "payara-micro").
     */
    record Standalone() implements ClusterFlags {
        @Override
        public List<String> arguments() {
            return List.of("--nohazelcast");
        }
    }

    /**
     * A member of the grid {@code clusterName}.
     *
     * @param interfaces the addresses the member binds and advertises (Hazelcast's interface patterns, such as
     *        {@code 10.0.1.*}); empty lets Payara pick, which on one machine is its first non-loopback address
     * @param startPort the grid port; Payara Micro's own default is 6900, and a taken port makes it move up
     * @param hostAware Payara's default: copies of grid data are kept on another host where there is one
     */
    record Clustered(String clusterName, Discovery discovery, List<String> interfaces, Optional<Integer> startPort,
                     Optional<String> instanceName, boolean hostAware) implements ClusterFlags {

        public Clustered {
            interfaces = List.copyOf(interfaces);
        }

        @Override
        public List<String> arguments() {
            List<String> out = new ArrayList<>(List.of("--clustername", clusterName, "--clustermode", discovery.clusterMode()));
            if (!interfaces.isEmpty()) {
                out.addAll(List.of("--interfaces", String.join(",", interfaces)));
            }
            startPort.ifPresent(port -> out.addAll(List.of("--startport", Integer.toString(port))));
            instanceName.ifPresent(name -> out.addAll(List.of("--name", name)));
            if (!hostAware) {
                out.add("--nohostaware");
            }
            return out;
        }
    }

    /** How a member finds the others: Payara Micro's {@code --clustermode}. */
    sealed interface Discovery permits TcpIp, Dns {
        String clusterMode();
    }

    /** A fixed list of members; a member needs one of them running to join. */
    record TcpIp(List<Endpoint> members) implements Discovery {
        public TcpIp {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("a tcpip cluster lists at least one member");
            }
            members = List.copyOf(members);
        }

        @Override
        public String clusterMode() {
            return "tcpip:" + members.stream().map(Endpoint::toString).collect(Collectors.joining(","));
        }
    }

    /**
     * The members are the addresses a DNS name resolves to (a Kubernetes headless Service, say), each on the
     * one port given. Payara skips loopback addresses among them.
     */
    record Dns(Endpoint name) implements Discovery {
        @Override
        public String clusterMode() {
            return "dns:" + name;
        }
    }

    /** A host (name or IPv4 address) and a port. */
    record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
