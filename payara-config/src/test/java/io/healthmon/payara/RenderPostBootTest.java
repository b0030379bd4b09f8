package io.healthmon.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderPostBootTest {

    @Test
    void discreteVariablesDescribeTheDatabaseWhenThereIsNoUrl() {
        DatabaseCoordinates db = RenderPostBoot.database(Map.of("HEALTHMON_DB_HOST", "db.internal", "HEALTHMON_DB_USER", "hm",
                "HEALTHMON_DB_PASSWORD", "p:a=ss"));
        assertEquals(new DatabaseCoordinates("db.internal", 5432, "healthmon", "hm", "p:a=ss"), db);
        assertEquals("other", RenderPostBoot.database(Map.of("DATABASE_URL", "postgresql://u:p@h:6543/other",
                "HEALTHMON_DB_HOST", "ignored")).database(), "DATABASE_URL wins");
    }

    @Test
    void aMissingOrBadVariableIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RenderPostBoot.database(Map.of()))
                .getMessage().contains("DATABASE_URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RenderPostBoot.database(Map.of("HEALTHMON_DB_HOST", "h",
                "HEALTHMON_DB_USER", "u"))).getMessage().contains("HEALTHMON_DB_PASSWORD"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RenderPostBoot.database(Map.of("HEALTHMON_DB_HOST", "h",
                "HEALTHMON_DB_PORT", "x", "HEALTHMON_DB_USER", "u", "HEALTHMON_DB_PASSWORD", "p"))).getMessage()
                .contains("HEALTHMON_DB_PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new PostBootCommands.ServerTuning(Optional.empty(), Optional.of("xml"))).getMessage().contains("HEALTHMON_LOG_FORMAT"));
    }

    @Test
    void poolSizesAndTuningAreReadFromTheirVariablesAndABadOneIsNamed() {
        assertEquals(PostBootCommands.PoolSizing.DEFAULT, RenderPostBoot.poolSizing(Map.of()));
        assertEquals(new PostBootCommands.PoolSizing(4, 16, 5000),
                RenderPostBoot.poolSizing(Map.of("HEALTHMON_DB_POOL_STEADY", "4", "HEALTHMON_DB_POOL_MAX", " 16 ")));
        assertEquals(new PostBootCommands.ServerTuning(Optional.of(8), Optional.of("json")),
                RenderPostBoot.tuning(Map.of("HEALTHMON_HTTP_THREADS", "8", "HEALTHMON_LOG_FORMAT", "JSON")));
        assertEquals(PostBootCommands.ServerTuning.DEFAULT, RenderPostBoot.tuning(Map.of("HEALTHMON_HTTP_THREADS", " ")));
        String tooSmall = assertThrows(IllegalArgumentException.class,
                () -> RenderPostBoot.poolSizing(Map.of("HEALTHMON_DB_POOL_MAX", "4"))).getMessage();
        assertTrue(tooSmall.contains("HEALTHMON_DB_POOL_STEADY=8") && tooSmall.contains("HEALTHMON_DB_POOL_MAX=4"), tooSmall);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RenderPostBoot.tuning(Map.of("HEALTHMON_HTTP_THREADS", "many"))).getMessage().contains("HEALTHMON_HTTP_THREADS"));
    }

    @Test
    void tuningBecomesAsadminCommands() {
        assertEquals(List.of("set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=64",
                        "set-log-file-format --target server json"),
                PostBootCommands.forServer(new PostBootCommands.ServerTuning(Optional.of(64), Optional.of("json"))));
        assertEquals(List.of(), PostBootCommands.forServer(PostBootCommands.ServerTuning.DEFAULT));
    }

    @Test
    void theLoggingPropertiesAskForPlainLines(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = PlainLogging.write(dir.resolve("conf/logging.properties"));
        java.util.Properties properties = new java.util.Properties();
        try (var in = java.nio.file.Files.newInputStream(file)) {
            properties.load(in);
        }
        assertEquals("false", properties.getProperty("com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor"));
        assertEquals("java.util.logging.ConsoleHandler", properties.getProperty("handlers"));
        assertEquals("INFO", properties.getProperty(".level"));
    }
}
