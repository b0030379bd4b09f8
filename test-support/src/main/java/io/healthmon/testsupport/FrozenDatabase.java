package io.healthmon.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Freezes the test PostgreSQL as a hung database host would: its processes stopped (SIGSTOP), their
 * connections open, nothing answered and nothing refused; {@link #close} lets them run on (SIGCONT).
 * The server is found by the port it listens on ({@code ss}), with every process it started.
 */
public final class FrozenDatabase implements AutoCloseable {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private final List<Long> pids;

    private FrozenDatabase(List<Long> pids) {
        this.pids = pids;
    }

    /** Stops the PostgreSQL listening on this machine's {@code port} and all its processes. */
    public static FrozenDatabase freeze(int port) throws IOException, InterruptedException {
        long postmaster = listener(port);
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).orElseThrow(() -> new IllegalStateException("no process " + postmaster))
                .descendants().forEach(p -> pids.add(p.pid()));
        signal("-STOP", pids);
        return new FrozenDatabase(pids);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        signal("-CONT", pids);
    }

    private static long listener(int port) throws IOException, InterruptedException {
        String out = run(List.of("ss", "-ltnpH", "sport = :" + port));
        Matcher m = PID.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no process found listening on port " + port + ": " + out);
        }
        return Long.parseLong(m.group(1));
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }
}
