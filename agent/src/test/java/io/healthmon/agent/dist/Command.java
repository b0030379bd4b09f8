package io.healthmon.agent.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command run to its end, its output (stdout and stderr together) and exit status. */
record Command(int exitCode, String output) {

    static Command run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), String.join(" ", command) + " ended");
        return new Command(process.exitValue(), output);
    }

    static boolean available(String program) {
        try {
            return run(List.of("sh", "-c", "command -v " + program)).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
