package io.healthmon.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The embedded run's secrets, generated on first start and kept in {@code credentials.properties}
 * (mode 0600) so every later start uses the same ones. An environment variable of the same name
 * wins over the stored value.
 */
record StoredCredentials(String enrollmentToken, String adminToken, String databasePassword) {

    static final String FILE = "credentials.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    static StoredCredentials loadOrCreate(Path dataDir, Map<String, String> env) throws IOException {
        Path file = dataDir.resolve(FILE);
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
        }
        boolean changed = false;
        for (String key : new String[] {"HEALTHMON_ENROLLMENT_TOKEN", "HEALTHMON_ADMIN_TOKEN", "EMBEDDED_DATABASE_PASSWORD"}) {
            if (stored.getProperty(key) == null) {
                stored.setProperty(key, newSecret());
                changed = true;
            }
        }
        if (changed) {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(file)) {
                stored.store(out, "healthmon embedded run: generated secrets. Keep this file private.");
            }
        }
        return new StoredCredentials(
                env.getOrDefault("HEALTHMON_ENROLLMENT_TOKEN", stored.getProperty("HEALTHMON_ENROLLMENT_TOKEN")),
                env.getOrDefault("HEALTHMON_ADMIN_TOKEN", stored.getProperty("HEALTHMON_ADMIN_TOKEN")),
                stored.getProperty("EMBEDDED_DATABASE_PASSWORD"));
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
