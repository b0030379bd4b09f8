package io.healthmon.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {

    private static List<String> capture(Logger logger) {
        List<String> lines = new ArrayList<>();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return lines;
    }

    @Test
    void aRepeatedWarningIsWrittenOncePerWindowAndKeyWithACountOfTheRest() {
        Logger logger = Logger.getLogger("throttled-test-" + System.nanoTime());
        List<String> lines = capture(logger);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T00:00:00Z"));
        ThrottledLog log = new ThrottledLog(logger, Duration.ofMinutes(1), clock);

        assertTrue(log.log(Level.WARNING, "10.0.0.1", () -> "failed"));
        for (int i = 0; i < 9_999; i++) {
            assertFalse(log.log(Level.WARNING, "10.0.0.1", () -> "failed"));
        }
        assertTrue(log.log(Level.WARNING, "10.0.0.2", () -> "other client"), "each key has its own window");
        clock.advance(Duration.ofSeconds(61));
        assertTrue(log.log(Level.WARNING, "10.0.0.1", () -> "failed"));

        assertEquals(3, lines.size(), lines.toString());
        assertEquals("failed", lines.get(0));
        assertEquals("other client", lines.get(1));
        assertTrue(lines.get(2).startsWith("failed (9999 more like this"), lines.get(2));
    }

    @Test
    void distinctKeysBeyondTheBoundShareOneWindow() {
        Logger logger = Logger.getLogger("throttled-bound-" + System.nanoTime());
        List<String> lines = capture(logger);
        ThrottledLog log = new ThrottledLog(logger, Duration.ofMinutes(1), new MutableClock(Instant.parse("2026-12-06T00:00:00Z")));
        for (int i = 0; i < ThrottledLog.MAX_KEYS + 5_000; i++) {
            log.warning("client-" + i, () -> "failed");
        }
        assertEquals(ThrottledLog.MAX_KEYS + 1, lines.size(), "past the bound, one line for all other keys");
    }

    @Test
    void theContainerGuardHoldsBackMalformedUrlTracesAndThePoolsWarnings() {
        Logger own = Logger.getLogger("guard-own-" + System.nanoTime());
        List<String> lines = capture(own);
        ThrottledLog throttled = new ThrottledLog(own, Duration.ofMinutes(1), new MutableClock(Instant.parse("2026-12-06T00:00:00Z")));
        ContainerLogGuard.Guard guard = new ContainerLogGuard.Guard(null, throttled, false);
        ContainerLogGuard.Guard poolGuard = new ContainerLogGuard.Guard(null, throttled, true);

        LogRecord malformed = new LogRecord(Level.SEVERE, "AS-WEB-CORE-00037");
        malformed.setThrown(new RuntimeException(new IllegalArgumentException("URLDecoder: Illegal hex characters in escape (%) pattern - %ZZ")));
        LogRecord pool = new LogRecord(Level.WARNING, "RAR5117 : Failed to obtain/create connection from connection pool [ healthmon-pool ]");
        LogRecord other = new LogRecord(Level.SEVERE, "something else");
        other.setThrown(new IllegalArgumentException("not a URL"));

        assertFalse(guard.isLoggable(malformed));
        assertFalse(guard.isLoggable(malformed));
        assertFalse(poolGuard.isLoggable(pool));
        assertFalse(poolGuard.isLoggable(pool));
        assertTrue(guard.isLoggable(other), "the web container's other records pass");
        assertTrue(poolGuard.isLoggable(new LogRecord(Level.INFO, "pool resized")), "the pool's information passes");
        assertEquals(2, lines.size(), "one line for each kind held back: " + lines);
        assertTrue(lines.get(0).contains("%ZZ"), lines.get(0));
        assertTrue(lines.get(1).contains("RAR5117"), lines.get(1));
    }
}
