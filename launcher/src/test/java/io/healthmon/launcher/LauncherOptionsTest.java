package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void flagsWinOverEnvironmentWhichWinsOverDefaults() {
        Map<String, String> env = Map.of("HEALTHMON_HOME", "/srv/hm", "HEALTHMON_PORT", "9090");
        LauncherOptions fromEnv = LauncherOptions.parse(new String[0], env);
        assertEquals(Path.of("/srv/hm"), fromEnv.dataDir());
        assertEquals(9090, fromEnv.port());
        assertTrue(fromEnv.startAgent());

        LauncherOptions fromFlags = LauncherOptions.parse(new String[] {"--data-dir", "/tmp/x", "--port", "8181", "--no-agent"}, env);
        assertEquals(Path.of("/tmp/x"), fromFlags.dataDir());
        assertEquals(8181, fromFlags.port());
        assertFalse(fromFlags.startAgent());
    }

    @Test
    void defaultsToTheHomeDirectoryAndPort8080() {
        LauncherOptions options = LauncherOptions.parse(new String[0], Map.of());
        assertEquals(Path.of(System.getProperty("user.home"), ".healthmon"), options.dataDir());
        assertEquals(8080, options.port());
        assertTrue(options.databaseUrl().isEmpty());
    }

    @Test
    void aBadValueNamesTheOptionOrVariable() {
        var flag = assertThrows(LauncherOptions.UsageException.class,
                () -> LauncherOptions.parse(new String[] {"--port", "99999"}, Map.of()));
        assertTrue(flag.getMessage().startsWith("--port"), flag.getMessage());
        var env = assertThrows(LauncherOptions.UsageException.class,
                () -> LauncherOptions.parse(new String[0], Map.of("HEALTHMON_PORT", "http")));
        assertTrue(env.getMessage().startsWith("HEALTHMON_PORT"), env.getMessage());
        var unknown = assertThrows(LauncherOptions.UsageException.class,
                () -> LauncherOptions.parse(new String[] {"--bogus"}, Map.of()));
        assertTrue(unknown.getMessage().contains("--bogus"));
    }

    @Test
    void databaseUrlSelectsAnExternalDatabase() {
        var options = LauncherOptions.parse(new String[0], Map.of("DATABASE_URL", "postgresql://u:p@db/hm"));
        assertEquals("postgresql://u:p@db/hm", options.databaseUrl().orElseThrow());
    }
}
