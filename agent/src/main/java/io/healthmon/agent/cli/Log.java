package io.healthmon.agent.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * One line per event on stdout ("2026-11-24T10:30:00Z INFO report sent: 1 accepted"), which journald
 * keeps with the unit. Never given a key or token.
 */
public final class Log {

    private static volatile PrintStream out = System.out;

    private Log() {
    }

    public static void info(String message) {
        line("INFO", message);
    }

    public static void warn(String message) {
        line("WARN", message);
    }

    public static void error(String message) {
        line("ERROR", message);
    }

    /** Quiet while printing a report with --print, so stdout holds nothing but the JSON. */
    static void to(PrintStream stream) {
        out = stream;
    }

    private static void line(String level, String message) {
        out.println(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(System.currentTimeMillis() / 1000)) + " " + level + " " + message);
    }
}
