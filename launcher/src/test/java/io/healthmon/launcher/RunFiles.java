package io.healthmon.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What a launcher run left in its data directory, as the launcher's integration tests read it. */
final class RunFiles {

    private RunFiles() {
    }

    /** A credential the launcher generated and stored (an environment variable's name, as in the file). */
    static String credential(Path dataDir, String name) throws IOException {
        Properties credentials = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve(StoredCredentials.FILE))) {
            credentials.load(in);
        }
        return credentials.getProperty(name);
    }

    /** The file's text, or a line saying it could not be read: for assertion messages, which must not throw. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + file + " unreadable)";
        }
    }
}
