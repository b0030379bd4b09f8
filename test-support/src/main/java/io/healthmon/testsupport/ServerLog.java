package io.healthmon.testsupport;

import io.healthmon.payara.PlainLogging;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The test server's log as a file the tests can read: Payara Micro's plain logging configuration
 * (the one the launcher and the systemd unit give it) plus a file handler that appends every record,
 * stack traces included, one line per line of text, to {@value #LOG_PROPERTY}. Written before Payara
 * Micro boots, by the database extensions, when the failsafe configuration names both files.
 */
public final class ServerLog {

    public static final String PROPERTIES_PROPERTY = "healthmon.it.logging.properties";
    public static final String LOG_PROPERTY = "healthmon.it.server.log";

    private ServerLog() {
    }

    /** Before each test class's Payara Micro boots: its log starts empty, so it holds that server's lines only. */
    static void writeConfiguration() throws IOException {
        String properties = System.getProperty(PROPERTIES_PROPERTY);
        String log = System.getProperty(LOG_PROPERTY);
        if (properties == null || log == null) {
            return;
        }
        Files.deleteIfExists(Path.of(log));
        Path file = PlainLogging.write(Path.of(properties));
        String plain = Files.readString(file).replace("handlers=java.util.logging.ConsoleHandler",
                "handlers=java.util.logging.ConsoleHandler,java.util.logging.FileHandler");
        Files.writeString(file, plain + """
                java.util.logging.FileHandler.pattern=%s
                java.util.logging.FileHandler.append=true
                java.util.logging.FileHandler.limit=0
                java.util.logging.FileHandler.count=1
                java.util.logging.FileHandler.level=ALL
                java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter
                java.util.logging.SimpleFormatter.format=%%1$tFT%%1$tT.%%1$tLZ %%4$s [%%3$s] %%5$s%%6$s%%n
                """.formatted(Path.of(log).toAbsolutePath().toString().replace("\\", "/")));
    }

    /** Lines in the server's log file so far (0 before the first). */
    public static long lines() {
        String log = System.getProperty(LOG_PROPERTY);
        if (log == null) {
            throw new IllegalStateException("System property " + LOG_PROPERTY + " is not set");
        }
        Path file = Path.of(log);
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines after the first {@code skip}, to show what was logged. */
    public static String after(long skip) {
        try (Stream<String> lines = Files.lines(Path.of(System.getProperty(LOG_PROPERTY)))) {
            return String.join("\n", lines.skip(skip).limit(200).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any line this server has logged contains the text. */
    public static boolean mentions(String text) {
        try (Stream<String> lines = Files.lines(Path.of(System.getProperty(LOG_PROPERTY)))) {
            return lines.anyMatch(line -> line.contains(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
