package io.healthmon.payara;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Payara Micro's logging configuration with plain lines: Payara Micro colours its console log with
 * terminal escape codes, and the console is the log that a service manager, a container runtime or the
 * launcher keeps. Its asadmin has no command for this, so the file is given with {@code --logproperties}.
 */
public final class PlainLogging {

    static final String RESOURCE = "/healthmon-logging.properties";

    private PlainLogging() {
    }

    public static Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (InputStream in = PlainLogging.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException(RESOURCE + " is missing from healthmon-payara-config"));
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
