package io.healthmon.testsupport.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for servers a test starts. They are taken below 32768: Linux gives outgoing
 * connections' local ports from 32768 up ({@code ip_local_port_range}), so a test server placed there
 * can find its port held by some client's socket when it starts or restarts (a PostgreSQL restart
 * under load failed that way here).
 */
public final class LocalPorts {

    private static final int FROM = 20_000;
    private static final int BELOW = 32_768;
    private static final int ATTEMPTS = 500;

    private LocalPorts() {
    }

    /** A port nothing listens on now, below 32768. */
    public static int free() throws IOException {
        return freeRun(1);
    }

    /**
     * The first of {@code count} consecutive ports nothing listens on now, below 32768: for a launcher
     * that gives its instances consecutive ports from the one it is given.
     */
    public static int freeRun(int count) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(FROM, BELOW - count + 1);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IOException("no run of " + count + " free ports between " + FROM + " and " + BELOW);
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            if (!free(port)) {
                return false;
            }
        }
        return true;
    }

    /** Bound on every address, as the servers bind: a port held on any one address is not free. */
    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket(port)) {
            return probe.isBound();
        } catch (IOException taken) {
            return false;
        }
    }
}
