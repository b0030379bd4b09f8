package io.healthmon.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a log file, stopped politely (SIGTERM, then a grace period)
 * and only then forcibly, together with anything it started.
 */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;
    /** Where this start's output begins in the log, which earlier starts' output precedes. */
    private final long logStart;

    private ChildProcess(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        return new ChildProcess(name, builder.start(), log, logStart);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    Process process() {
        return process;
    }

    /** SIGTERM, wait up to the grace period, then kill it and its descendants. */
    void stop(long graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                Console.say(name + " did not stop within " + graceSeconds + " s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Stops several at once, each as {@link #stop} does: server instances each take seconds to shut down,
     * and one after another they would keep a Ctrl-C waiting for all of those added up.
     */
    static void stopTogether(List<ChildProcess> children, long graceSeconds) {
        List<Thread> stopping = children.stream()
                .map(child -> new Thread(() -> child.stop(graceSeconds), "stop " + child.name()))
                .toList();
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                children.forEach(child -> child.process().destroyForcibly());
                return;
            }
        }
    }

    /** The first line this start wrote to the log that contains the text, if any. */
    Optional<String> firstLineContaining(String text) {
        try (SeekableByteChannel channel = Files.newByteChannel(log).position(logStart);
             BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> line.contains(text)).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The last lines of the log, to show why a child failed. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }
}
