package io.healthmon.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The threads of every Payara Micro on this machine, written to {@code target/thread-dumps} and named
 * on standard error. A test calls it when a request goes unanswered, so that a rare hang leaves behind
 * what each of the server's threads was doing at that moment, not just a client's time-out.
 */
public final class ServerThreadDump {

    private ServerThreadDump() {
    }

    /** Dumps each Payara Micro's threads; never throws, as it runs while a test is already failing. */
    public static void take(String why) {
        try {
            Path folder = Path.of("target", "thread-dumps");
            Files.createDirectories(folder);
            List<ProcessHandle> servers = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("payara-micro")).orElse(false))
                    .toList();
            for (ProcessHandle server : servers) {
                Path file = folder.resolve("payara-" + server.pid() + "-" + Instant.now().toEpochMilli() + ".txt");
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(server.pid()), "Thread.print", "-l")
                        .redirectErrorStream(true).redirectOutput(file.toFile()).start();
                if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                    jcmd.destroyForcibly();
                }
                Files.writeString(file, "\n# taken because: " + why + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
                System.err.println("Thread dump of Payara Micro " + server.pid() + " (" + why + "): " + file.toAbsolutePath());
                System.err.println(Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not dump the server's threads (" + why + "): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
