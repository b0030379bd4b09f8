package io.healthmon.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** Every key can be set from the environment, read and checked exactly as in the file. */
class EnvironmentConfigTest {

    private static final String BASE = "agent:\n  server_url: \"https://x.example.org/\"\n  api_key: \"k\"\n";
    /** Good and bad text for every kind of setting: numbers in and out of range, words, lists, paths. */
    private static final List<String> VALUES = List.of("x", "0", "-1", "1", "2.5", "60", "100", "true", "FALSE",
            "99999999999999999999", "NaN", "tmpfs,ext4", "/nonexistent/file", "web-01", "ab".repeat(32));

    private static List<String> keysBesidesTheServers() {
        List<String> keys = new ArrayList<>(ConfigLoader.KEYS);
        keys.removeAll(List.of(ConfigLoader.SERVER_URL, ConfigLoader.SERVER_URLS)); // one setting: ServerUrlsConfigTest
        keys.remove("agent.api_key"); // the base's own
        keys.sort(null);
        return keys;
    }

    /** The configuration, or the problem with the label (key or variable) taken off the front. */
    private static Object outcome(String yaml, Map<String, String> env, String label) {
        try {
            return new ConfigLoader(env, () -> "h").parse(yaml, ConfigLoader.Purpose.RUN);
        } catch (ConfigException e) {
            assertEquals(label + ": ", e.getMessage().substring(0, Math.min(e.getMessage().length(), label.length() + 2)),
                    "the error names " + label + ": " + e.getMessage());
            return e.getMessage().substring(label.length());
        }
    }

    @Test
    void variableNamesFollowTheKeys() {
        assertEquals("MONITORING_SERVER_URL", ConfigLoader.environmentVariable("agent.server_url"));
        assertEquals("MONITORING_API_KEY", ConfigLoader.environmentVariable("agent.api_key"));
        assertEquals("MONITORING_SPOOL_MAX_AGE", ConfigLoader.environmentVariable("agent.spool.max_age"));
        assertEquals("MONITORING_TLS_PIN_SHA256", ConfigLoader.environmentVariable("agent.tls.pin_sha256"));
        assertEquals("MONITORING_DISKS_EXCLUDE_FS_TYPES", ConfigLoader.environmentVariable("agent.disks.exclude_fs_types"));
    }

    @Test
    void everyKeyFromTheEnvironmentIsReadAndCheckedAsInTheFile() {
        qt().withExamples(300).forAll(Generate.pick(keysBesidesTheServers()), Generate.pick(VALUES)).checkAssert((key, value) -> {
            String[] path = key.split("\\.");
            String yaml = BASE + (path.length == 2 ? "  " + path[1] + ": \"" + value + "\"\n"
                    : "  " + path[1] + ":\n    " + path[2] + ": \"" + value + "\"\n");
            String variable = ConfigLoader.environmentVariable(key);
            assertEquals(outcome(yaml, Map.of(), key), outcome(BASE, Map.of(variable, value), variable), key + " = " + value);
        });
    }

    @Test
    void theEnvironmentWinsOverTheFile() {
        String yaml = BASE + "  spool:\n    batch_size: 7\n";
        assertEquals(9, new ConfigLoader(Map.of("MONITORING_SPOOL_BATCH_SIZE", "9"), () -> "h")
                .parse(yaml, ConfigLoader.Purpose.RUN).spoolBatchSize());
    }
}
