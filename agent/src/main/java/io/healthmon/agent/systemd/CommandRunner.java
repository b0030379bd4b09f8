package io.healthmon.agent.systemd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command and captures its output; a seam so systemctl's answers can be replayed in tests. */
@FunctionalInterface
public interface CommandRunner {

    Result run(List<String> command, Duration timeout) throws IOException, InterruptedException;

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs real processes, killing one that outlives its timeout. */
    CommandRunner SYSTEM = (command, timeout) -> {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not answer within " + timeout.toSeconds() + " s");
        }
        return new Result(process.exitValue(), out.join(), err.join());
    };

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
