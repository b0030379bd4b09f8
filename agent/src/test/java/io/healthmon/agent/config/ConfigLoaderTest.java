package io.healthmon.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.Generate;

class ConfigLoaderTest {

    private static final String SEED = """
            agent:
              server_url: "https://monitoring.example.com"
              api_key: "${MONITORING_API_KEY}"
              collection_interval: 60
              retry_attempts: 3
              retry_backoff: 2.0
            """;

    private static ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(env, () -> "this-host");
    }

    @Test
    @DisplayName("Property 6: environment variables override the YAML, and YAML applies where they are absent")
    void property6_environmentOverridesYaml() {
        qt().withExamples(200)
                .forAll(integers().between(1, 3600), integers().between(1, 3600),
                        strings().basicLatinAlphabet().ofLengthBetween(8, 40), Generate.booleans())
                .check((fileInterval, envInterval, key, envGiven) -> {
                    String yaml = """
                            agent:
                              server_url: "https://file.example.com"
                              api_key: "from-file-%s"
                              collection_interval: %d
                            """.formatted(key.replace("\"", "").replace("\\", ""), fileInterval);
                    Map<String, String> env = new HashMap<>();
                    if (envGiven) {
                        env.put("MONITORING_SERVER_URL", "https://env.example.com");
                        env.put("MONITORING_API_KEY", "from-env");
                        env.put("MONITORING_COLLECTION_INTERVAL", Integer.toString(envInterval));
                    }
                    AgentConfig c = loader(env).parse(yaml, ConfigLoader.Purpose.RUN);
                    return envGiven
                            ? c.serverUrls().get(0).getHost().equals("env.example.com") && c.apiKey().orElseThrow().equals("from-env")
                                    && c.collectionInterval().equals(Duration.ofSeconds(envInterval))
                            : c.serverUrls().get(0).getHost().equals("file.example.com") && c.apiKey().orElseThrow().startsWith("from-file-")
                                    && c.collectionInterval().equals(Duration.ofSeconds(fileInterval));
                });
    }

    @Test
    void theSeedsConfigurationLoadsWithTheKeyFromTheEnvironment() {
        AgentConfig c = loader(Map.of("MONITORING_API_KEY", "k123")).parse(SEED, ConfigLoader.Purpose.RUN);
        assertEquals("k123", c.apiKey().orElseThrow());
        assertEquals("this-host", c.serverId());
        assertEquals(3, c.retryAttempts());
        assertEquals(2.0, c.retryBackoff());
        assertEquals(Duration.ofSeconds(60), c.collectionInterval());
    }

    @Test
    void variablesExpandWithDefaults() {
        ConfigLoader l = loader(Map.of("A", "x"));
        assertEquals("x-y", l.expand("k", "${A}-${B:-y}"));
        assertEquals("", l.expand("k", "${UNSET}"));
    }

    private static String problem(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> loader(env).parse(yaml, ConfigLoader.Purpose.RUN)).getMessage();
    }

    @Test
    void eachBadValueIsNamedByItsKey() {
        Map<String, String> key = Map.of("MONITORING_API_KEY", "k");
        assertTrue(problem("agent:\n  server_url: ftp://x\n", key).startsWith("agent.server_url:"));
        assertTrue(problem("agent:\n  server_url: http://10.0.0.5:8080\n", key).contains("plain http is only allowed"));
        assertTrue(problem("agent:\n  server_url: https://x\n  collection_interval: 0\n", key)
                .startsWith("agent.collection_interval: must be from 1 to 86400 seconds, was 0"));
        assertTrue(problem("agent:\n  server_url: https://x\n  collection_interval: -5\n", key)
                .startsWith("agent.collection_interval"));
        String misspelt = problem("agent:\n  server_url: https://x\n  colection_interval: 30\n", key);
        assertTrue(misspelt.startsWith("agent.colection_interval: unknown key"), misspelt);
        assertTrue(misspelt.contains("did you mean agent.collection_interval"), misspelt);
        assertTrue(problem("agent:\n  server_url: https://x\n  retry_backoff: fast\n", key).startsWith("agent.retry_backoff"));
        assertTrue(problem("agent:\n  server_id: 'bad id!'\n  server_url: https://x\n", key).startsWith("agent.server_id"));
    }

    @Test
    void aMissingOrUnreadableKeyFileIsNamed(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("api-key");
        String yaml = "agent:\n  server_url: https://x\n  api_key_file: " + keyFile + "\n";
        assertTrue(problem(yaml, Map.of()).startsWith("agent.api_key_file: no key in"));
        Files.writeString(keyFile, "secret\n");
        assertEquals("secret", loader(Map.of()).parse(yaml, ConfigLoader.Purpose.RUN).apiKey().orElseThrow());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(keyFile)) { // root reads anything; the check is meaningful for the agent's own user
            assertTrue(problem(yaml, Map.of()).contains("permission denied"));
        }
    }

    @Test
    void aMissingConfigFileIsNamed(@TempDir Path dir) {
        var e = assertThrows(ConfigException.class, () -> loader(Map.of())
                .load(Optional.of(dir.resolve("nope.yaml")), ConfigLoader.Purpose.RUN));
        assertTrue(e.getMessage().startsWith("--config: no such file"));
    }

    @Test
    void printingNeedsNoServer() {
        AgentConfig c = loader(Map.of()).load(Optional.empty(), ConfigLoader.Purpose.PRINT);
        assertEquals("this-host", c.serverId());
    }
}
