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
    void oneInstanceUnlessAskedForMoreByFlagOrEnvironment() {
        LauncherOptions defaults = LauncherOptions.parse(new String[0], Map.of());
        assertEquals(1, defaults.instances());
        assertEquals(5900, defaults.gridPort());

        Map<String, String> env = Map.of("HEALTHMON_INSTANCES", "2", "HEALTHMON_GRID_PORT", "7000");
        LauncherOptions fromEnv = LauncherOptions.parse(new String[0], env);
        assertEquals(2, fromEnv.instances());
        assertEquals(7000, fromEnv.gridPort());

        LauncherOptions fromFlags = LauncherOptions.parse(new String[] {"--instances", "9", "--grid-port", "6000"}, env);
        assertEquals(9, fromFlags.instances());
        assertEquals(6000, fromFlags.gridPort());
    }

    @Test
    void anInstanceCountOutside1To9IsRefusedNamingTheOptionOrVariable() {
        for (String bad : new String[] {"0", "10", "two", "-1"}) {
            assertTrue(usage(new String[] {"--instances", bad}, Map.of()).startsWith("--instances must be a number from 1 to 9"), bad);
            assertTrue(usage(new String[0], Map.of("HEALTHMON_INSTANCES", bad)).startsWith("HEALTHMON_INSTANCES must be"), bad);
        }
        assertTrue(usage(new String[] {"--grid-port", "0"}, Map.of()).startsWith("--grid-port"));
        assertTrue(usage(new String[] {"--instances"}, Map.of()).equals("--instances needs a value"));
    }

    @Test
    void eachInstanceTakesTheNextPortOfEachRangeSoTheRangesMustFitAndStayApart() {
        assertTrue(usage(new String[] {"--instances", "3", "--port", "65534"}, Map.of()).startsWith("--port 65534 leaves no room for 3"));
        assertTrue(usage(new String[] {"--instances", "2", "--https-port", "8081"}, Map.of())
                .startsWith("the --https-port range must not overlap the --port range"));
        assertTrue(usage(new String[] {"--instances", "2", "--port", "5901"}, Map.of())
                .startsWith("the --grid-port range must not overlap"));
        assertTrue(usage(new String[] {"--instances", "3", "--https-port", "8443", "--grid-port", "8441"}, Map.of())
                .startsWith("the --grid-port range must not overlap"));
        assertTrue(usage(new String[] {"--https-port", "8080"}, Map.of()).startsWith("--https-port must differ from --port"));

        // Side by side they are fine, and one instance uses no grid port at all.
        assertEquals(3, LauncherOptions.parse(new String[] {"--instances", "3", "--port", "8080", "--https-port", "8083",
                "--grid-port", "8086"}, Map.of()).instances());
        assertEquals(5900, LauncherOptions.parse(new String[] {"--port", "5900"}, Map.of()).port());
    }

    private static String usage(String[] args, Map<String, String> env) {
        return assertThrows(LauncherOptions.UsageException.class, () -> LauncherOptions.parse(args, env)).getMessage();
    }

    @Test
    void databaseUrlSelectsAnExternalDatabase() {
        var options = LauncherOptions.parse(new String[0], Map.of("DATABASE_URL", "postgresql://u:p@db/hm"));
        assertEquals("postgresql://u:p@db/hm", options.databaseUrl().orElseThrow());
    }
}
