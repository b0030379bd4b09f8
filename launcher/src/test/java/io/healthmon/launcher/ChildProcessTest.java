package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void aStartSearchesOnlyWhatItWroteToTheLogNotWhatEarlierStartsLeftThere() throws Exception {
        Path log = dir.resolve("logs/server.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "an earlier start: Exception while loading the app\n");

        ChildProcess child = ChildProcess.start("shell", List.of("/bin/sh", "-c", "echo this start: ready"), Map.of(), log);
        assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));

        assertEquals(Optional.empty(), child.firstLineContaining("Exception while loading the app"));
        assertEquals(Optional.of("this start: ready"), child.firstLineContaining("ready"));
        assertTrue(child.tail(5).contains("an earlier start"), "the log itself keeps the earlier output");
    }
}
