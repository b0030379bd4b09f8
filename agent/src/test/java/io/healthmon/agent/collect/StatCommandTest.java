package io.healthmon.agent.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthmon.agent.systemd.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatCommandTest {

    /** Captured on this machine: {@code stat -f -c FORMAT -- / /proc /dev/shm "/nonexistent dir" "/srv/my data"}. */
    private static final String OUTPUT = """
            4096 66053021 60123039 20667746 16777216 16366272 /
            4096 0 0 0 0 0 /proc
            4096 6170896 6170896 6170896 3085448 3085447 /dev/shm
            1024 10 5 4 18446744073709551615 3 /srv/my data
            """;

    @Test
    void linesBecomeStatvfsFieldsByPathAndAFailedPathIsLeftOut() {
        Map<String, long[]> stats = StatCommand.parse(OUTPUT);
        assertEquals(4, stats.size());
        assertArrayEquals(new long[] {4096, 4096, 66053021, 60123039, 20667746, 16777216, 16366272}, stats.get("/"));
        assertArrayEquals(new long[] {4096, 4096, 0, 0, 0, 0, 0}, stats.get("/proc"));
        // a name with spaces is the rest of the line; a count past Long.MAX_VALUE keeps its unsigned bits
        assertArrayEquals(new long[] {1024, 1024, 10, 5, 4, -1, 3}, stats.get("/srv/my data"));
    }

    @Test
    void oneProcessForAllPathsWhoseFailureOnSomeKeepsTheOthers() {
        List<List<String>> commands = new ArrayList<>();
        StatCommand stat = new StatCommand((command, timeout) -> {
            commands.add(command);
            return new CommandRunner.Result(1, OUTPUT, "stat: cannot read file system information for '/nonexistent dir'");
        });
        Map<String, long[]> stats = stat.statvfs(List.of("/", "/proc", "/dev/shm", "/nonexistent dir", "/srv/my data"));
        assertEquals(List.of(List.of("stat", "-f", "-c", StatCommand.FORMAT, "--", "/", "/proc", "/dev/shm",
                "/nonexistent dir", "/srv/my data")), commands);
        assertEquals(4, stats.size());
    }

    @Test
    void withoutStatNothingIsKnownAndNothingIsRunForNoPaths() {
        StatCommand missing = new StatCommand((command, timeout) -> {
            throw new IOException("Cannot run program \"stat\": error=2, No such file or directory");
        });
        assertEquals(Map.of(), missing.statvfs(List.of("/")));
        assertEquals(Map.of(), missing.statvfs(List.of()));
        assertEquals(Map.of(), StatCommand.parse("garbage\n1 2 3\nx 1 2 3 4 5 /\n"));
    }
}
