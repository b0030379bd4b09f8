package io.healthmon.agent.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** agent/dist/healthmon-agent.service as the tests read it: its JVM flags and its system call filter lines. */
record UnitFile(Path path, List<String> lines) {

    static UnitFile read() throws IOException {
        Path path = Path.of("dist/healthmon-agent.service").toAbsolutePath();
        return new UnitFile(path, Files.readAllLines(path));
    }

    /** The JVM options of ExecStart (continued lines joined), before {@code -jar}. */
    List<String> jvmFlags() {
        StringBuilder exec = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("ExecStart=")) {
                in = true;
                line = line.substring("ExecStart=".length());
            }
            if (in) {
                boolean continued = line.endsWith("\\");
                exec.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continued) {
                    break;
                }
            }
        }
        List<String> flags = new ArrayList<>();
        String[] words = exec.toString().trim().split("\\s+");
        for (int i = 1; i < words.length && !words[i].equals("-jar"); i++) { // words[0] is the java binary
            flags.add(words[i]);
        }
        return flags;
    }

    /** The values of every {@code SystemCallFilter=} line, in order. */
    List<String> systemCallFilters() {
        List<String> filters = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("SystemCallFilter=")) {
                filters.add(line.substring("SystemCallFilter=".length()).trim());
            }
        }
        return filters;
    }
}
