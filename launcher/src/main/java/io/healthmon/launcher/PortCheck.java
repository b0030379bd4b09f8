package io.healthmon.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Checks, before anything starts, that the ports the instances are to listen on are free. A taken HTTP port
 * would otherwise show only in Payara's log, and a taken grid port not at all: Hazelcast silently moves to
 * the next port, which is the next instance's, and the members then miss each other.
 */
final class PortCheck {

    /** A port, what it is for ("the grid port of healthmon-2"), and the option that chooses it. */
    record Use(int port, String what, String option) {
    }

    private PortCheck() {
    }

    /** Throws, naming the first port that is taken and what it was for, when any is. */
    static void requireFree(List<Use> uses) {
        for (Use use : uses) {
            if (!free(use.port())) {
                throw new IllegalStateException("port " + use.port() + " (" + use.what() + ") is taken by another program;"
                        + " stop it or choose other ports with " + use.option());
            }
        }
    }

    /** Payara and Hazelcast bind the wildcard address, so that is what must be free. */
    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers will (SO_REUSEADDR): a connection of an earlier run in TIME_WAIT does not block the port.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
