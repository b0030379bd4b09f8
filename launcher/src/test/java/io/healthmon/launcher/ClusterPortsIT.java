package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.testsupport.cluster.LocalPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./healthmon --instances 2} with a grid port another program holds: the launcher stops before
 * it starts anything and names the port. (What a user sees of a cluster that starts, runs, loses an
 * instance and stops is in {@link ClusterIT}, on one launch.)
 */
class ClusterPortsIT {

    @TempDir
    Path dataDir;

    @Test
    void aTakenGridPortStopsTheLauncherBeforeAnythingStartsNamingThePort() throws Exception {
        int port = LocalPorts.freeRun(4);
        int gridPort = port + 2;
        try (ServerSocket taken = new ServerSocket(gridPort + 1, 1, InetAddress.getLoopbackAddress())) {
            Process launcher = launch("--instances", "2", "--port", Integer.toString(port), "--grid-port", Integer.toString(gridPort));
            try {
                assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher ends at once:\n" + launcherLog());
                assertEquals(1, launcher.exitValue(), launcherLog());
                assertTrue(launcherLog().contains("port " + (gridPort + 1) + " (the grid port of healthmon-2) is taken by another program;"
                        + " stop it or choose other ports with --grid-port"), launcherLog());
                assertFalse(launcherLog().contains("starting"), "nothing was started:\n" + launcherLog());
            } finally {
                launcher.destroyForcibly();
            }
        }
    }

    private Process launch(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", System.getProperty("healthmon.launcher.jar"),
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("launcher.log").toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().keySet().removeIf(name -> name.startsWith("HEALTHMON_"));
        return builder.start();
    }

    private String launcherLog() {
        return RunFiles.read(dataDir.resolve("launcher.log"));
    }
}
