package io.healthmon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedRunArgsTest {

    private static final Map<String, Integer> DEFAULTS = Map.of("servers", 10_000, "calls", 200);

    @Test
    void numbersKeepTheirDefaultsUnlessGivenAndTheUrlEndsWithASlash() {
        EmbeddedRunArgs options = EmbeddedRunArgs.parse(
                new String[] {"--url", "http://127.0.0.1:18480", "--data-dir", "/tmp/run", "--servers", "500"}, DEFAULTS);
        assertEquals(URI.create("http://127.0.0.1:18480/"), options.url());
        assertEquals(Path.of("/tmp/run"), options.dataDir());
        assertEquals(500, options.number("servers"));
        assertEquals(200, options.number("calls"));
    }

    @Test
    void anUnknownOptionAndAMissingDataDirectoryAreRefused() {
        assertEquals("unknown option --scrapes", assertThrows(IllegalArgumentException.class,
                () -> EmbeddedRunArgs.parse(new String[] {"--data-dir", "/tmp/run", "--scrapes", "3"}, DEFAULTS)).getMessage());
        assertEquals("unknown option servers", assertThrows(IllegalArgumentException.class,
                () -> EmbeddedRunArgs.parse(new String[] {"--data-dir", "/tmp/run", "servers", "3"}, DEFAULTS)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmbeddedRunArgs.parse(new String[] {"--servers", "3"}, DEFAULTS));
    }
}
