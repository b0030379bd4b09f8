package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real child processes and a quick policy: 50 ms doubling, 3 restarts in a minute. */
class SupervisorTest {

    private static final RestartPolicy QUICK = new RestartPolicy(Duration.ofMillis(50), Duration.ofMillis(400), 3, Duration.ofMinutes(1));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureTheTerminal() {
        originalOut = System.out;
        System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheTerminal() {
        System.setOut(originalOut);
    }

    @Test
    void aPartKilledIsStartedAgainAndTheRestartIsSaid() throws Exception {
        ChildProcess first = start("sleep 60");
        AtomicInteger starts = new AtomicInteger();
        SupervisedChild part = new SupervisedChild("the server", first, () -> {
            starts.incrementAndGet();
            return start("sleep 60");
        });
        ChildProcess other = start("sleep 60");
        SupervisedChild bystander = new SupervisedChild("the agent", other, () -> {
            throw new AssertionError("only the part that died is restarted");
        });
        Supervisor supervisor = new Supervisor(List.of(bystander, part), QUICK, Clock.systemUTC());
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(supervisor::run);

        first.process().destroyForcibly();
        awaitPrinted("the server is running again");

        assertEquals(1, starts.get());
        assertTrue(part.running().isAlive());
        assertTrue(other.isAlive(), "the other part kept running");
        assertTrue(printed().contains("the server was killed (signal 9); restarting it in 0.1 s (failure 1 within 1 minutes"), printed());
        supervisor.requestStop();
        assertEquals(0, run.get(10, TimeUnit.SECONDS));
        part.running().destroyForcibly();
        other.stop(1);
    }

    @Test
    void aPartThatKeepsDyingIsGivenUpWithTheEndOfItsLog() throws Exception {
        ChildProcess first = start("echo 'the last words'; exit 3");
        AtomicInteger starts = new AtomicInteger();
        SupervisedChild part = new SupervisedChild("the agent", first, () -> {
            starts.incrementAndGet();
            return start("echo 'the last words'; exit 3");
        });

        int exit = new Supervisor(List.of(part), QUICK, Clock.systemUTC()).run();

        assertEquals(1, exit);
        assertEquals(3, starts.get(), "restarted as often as the policy allows: " + printed());
        assertTrue(printed().contains("the agent exited with status 3, its failure 4 within 1 minutes; giving up on it after 3 restarts"), printed());
        assertTrue(printed().contains("the last words"), printed());
    }

    @Test
    void aRestartThatFailsCountsAsAFailureAndIsTriedAgain() throws Exception {
        ChildProcess first = start("exit 1");
        AtomicInteger starts = new AtomicInteger();
        SupervisedChild part = new SupervisedChild("the server", first, () -> {
            if (starts.incrementAndGet() == 1) {
                throw new IllegalStateException("its deployment failed");
            }
            return start("sleep 60");
        });
        Supervisor supervisor = new Supervisor(List.of(part), QUICK, Clock.systemUTC());
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(supervisor::run);

        awaitPrinted("the server is running again");

        assertTrue(printed().contains("the server did not come back: its deployment failed; restarting it in 0.1 s (failure 2"), printed());
        supervisor.requestStop();
        assertEquals(0, run.get(10, TimeUnit.SECONDS));
        part.running().destroyForcibly();
    }

    private void awaitPrinted(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!printed().contains(text)) {
            assertTrue(System.nanoTime() < deadline, "not printed within 20 s: " + text + "\n" + printed());
            Thread.sleep(20);
        }
    }

    private ChildProcess start(String script) throws Exception {
        return ChildProcess.start("part", List.of("/bin/sh", "-c", script), Map.of(), dir.resolve("logs/part.log"));
    }

    private String printed() {
        return terminal.toString(StandardCharsets.UTF_8);
    }
}
