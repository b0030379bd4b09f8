package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the launcher tells Ctrl-C (or SIGTERM) from a part that died, with real child processes. */
class HealthmonLauncherTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private HealthmonLauncher launcher;

    @BeforeEach
    void captureTheTerminal() {
        originalOut = System.out;
        System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        launcher = new HealthmonLauncher(
                new LauncherOptions(dir, 18080, Optional.empty(), false, Optional.empty()), dir.resolve("runtime"));
    }

    @AfterEach
    void restoreTheTerminal() {
        launcher.stopAll();
        System.setOut(originalOut);
    }

    @Test
    void aServerStoppedByCtrlCIsTheNormalEndNotAFailureAndIsNotRestarted() throws Exception {
        ChildProcess server = start("sleep 60");
        launcher.keepServer("healthmon", server);
        AtomicInteger restarts = new AtomicInteger();
        Supervisor supervisor = new Supervisor(List.of(new SupervisedChild("the server", server, () -> {
            restarts.incrementAndGet();
            return start("sleep 60");
        })), RestartPolicy.DEFAULT, Clock.systemUTC());
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> supervise(supervisor));
        Thread.sleep(200); // the supervisor is watching

        launcher.stopAll(); // what the shutdown hook runs on Ctrl-C

        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertEquals(0, restarts.get(), printed());
        assertFalse(printed().contains("restarting"), printed());
    }

    @Test
    void aStopStopsEveryServerInstanceTogether() throws Exception {
        // Each instance, once told to stop, ends only after all three were told: stopped one after another, the
        // first would wait out its grace period and be killed instead.
        List<ChildProcess> instances = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String stopsOnceAllAreStopping = "trap 'touch " + dir + "/stopping-" + i + "; until [ $(ls " + dir
                    + " | grep -c stopping-) -eq 3 ]; do sleep 0.1; done; exit 0' TERM; while true; do sleep 0.1; done";
            ChildProcess instance = start(stopsOnceAllAreStopping);
            launcher.keepServer("healthmon-" + i, instance);
            instances.add(instance);
        }
        Thread.sleep(300); // the traps are set

        launcher.stopAll();

        for (ChildProcess instance : instances) {
            assertFalse(instance.isAlive());
            assertEquals(0, instance.process().exitValue(), "ended by its own trap, all three having been told, not killed");
        }
        assertTrue(printed().contains("stopping the 3 server instances"), printed());
    }

    @Test
    void aProcessThatFinishesStartingAfterTheStopIsStoppedAtOnce() throws Exception {
        launcher.stopAll(); // Ctrl-C while, say, the embedded PostgreSQL was still starting
        ChildProcess late = start("sleep 60");

        assertThrows(HealthmonLauncher.StoppedWhileStarting.class,
                () -> launcher.keep(() -> { throw new AssertionError("a process started after the stop was kept"); },
                        () -> late.stop(5)));
        assertTrue(late.process().waitFor(10, TimeUnit.SECONDS), "the late process was left running");
    }

    private ChildProcess start(String script) throws Exception {
        return ChildProcess.start("server", List.of("/bin/sh", "-c", script), Map.of(), dir.resolve("logs/server.log"));
    }

    private int supervise(Supervisor supervisor) {
        try {
            return launcher.supervise(supervisor);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String printed() {
        return terminal.toString(StandardCharsets.UTF_8);
    }
}
