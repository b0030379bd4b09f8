package io.healthmon.agent.collect;

import io.healthmon.agent.cli.Log;
import io.healthmon.agent.systemd.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * statvfs(3) of many paths through one {@code stat -f} process (coreutils or busybox). Java has no
 * inode counts, and the native route (JNA) costs the agent about 5 MB of resident memory for them;
 * one short process per collection costs about a millisecond. A path whose line is missing or
 * malformed (stat could not read it, or its name holds a newline) is left out of the answer.
 */
final class StatCommand implements ProcSystemSource.StatVfs {

    /** Block size, blocks, free blocks, blocks free to non-root, inodes, free inodes, then the name. */
    static final String FORMAT = "%S %b %f %a %c %d %n";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CommandRunner runner;
    private boolean unavailableLogged;

    StatCommand(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public Map<String, long[]> statvfs(List<String> paths) {
        if (paths.isEmpty()) {
            return Map.of();
        }
        List<String> command = new ArrayList<>(List.of("stat", "-f", "-c", FORMAT, "--"));
        command.addAll(paths);
        try {
            // Exit code 1 only says some path failed; the others' lines are good.
            return parse(runner.run(command, TIMEOUT).stdout());
        } catch (IOException e) {
            if (!unavailableLogged) {
                Log.warn("stat -f failed (" + e.getMessage() + "): disk space from the JDK, inode counts unknown");
                unavailableLogged = true;
            }
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** Lines in {@link #FORMAT}, as statvfs's fields: bsize, frsize, blocks, bfree, bavail, files, ffree. */
    static Map<String, long[]> parse(String output) {
        Map<String, long[]> byPath = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] fields = line.split(" ", 7);
            if (fields.length < 7) {
                continue;
            }
            try {
                long blockSize = unsigned(fields[0]);
                byPath.put(fields[6], new long[] {blockSize, blockSize, unsigned(fields[1]), unsigned(fields[2]),
                        unsigned(fields[3]), unsigned(fields[4]), unsigned(fields[5])});
            } catch (NumberFormatException e) {
                // not a line of ours
            }
        }
        return byPath;
    }

    /** stat prints the unsigned counts; one past Long.MAX_VALUE is kept as the same bits, as statvfs gives them. */
    private static long unsigned(String digits) {
        return Long.parseUnsignedLong(digits);
    }
}
