package io.healthmon.server.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes a message at most once per window for each key (for example a client address and what it
 * did); the ones in between are counted, and the next line written for that key says how many were
 * held back. So an outage or an attacker answered ten thousand times a minute costs a line a minute,
 * and the count still tells how much happened. Thread-safe; keys are bounded, so a flood of distinct
 * keys cannot grow memory without limit: past the bound they share one key.
 */
public final class ThrottledLog {

    static final int MAX_KEYS = 10_000;
    static final String OVERFLOW_KEY = "(many keys)";

    private final Logger logger;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public ThrottledLog(Logger logger, Duration window, Clock clock) {
        this.logger = logger;
        this.window = window;
        this.clock = clock;
    }

    public void warning(String key, Supplier<String> message) {
        log(Level.WARNING, key, message);
    }

    public void info(String key, Supplier<String> message) {
        log(Level.INFO, key, message);
    }

    /** @return whether a line was written */
    public boolean log(Level level, String key, Supplier<String> message) {
        if (!logger.isLoggable(level)) {
            return false;
        }
        long now = clock.millis();
        if (windows.size() >= MAX_KEYS && !windows.containsKey(key)) {
            windows.entrySet().removeIf(e -> now - e.getValue().openedAt >= window.toMillis());
            if (windows.size() >= MAX_KEYS) {
                key = OVERFLOW_KEY;
            }
        }
        long[] heldBack = {-1};
        windows.compute(key, (k, w) -> {
            if (w == null || now - w.openedAt >= window.toMillis()) {
                heldBack[0] = w == null ? 0 : w.suppressed;
                return new Window(now);
            }
            w.suppressed++;
            return w;
        });
        if (heldBack[0] < 0) {
            return false;
        }
        long suppressed = heldBack[0];
        logger.log(level, () -> message.get() + (suppressed == 0 ? ""
                : " (" + suppressed + " more like this in the " + window.toSeconds() + " s before were not logged)"));
        return true;
    }

    private static final class Window {
        final long openedAt;
        long suppressed;

        Window(long openedAt) {
            this.openedAt = openedAt;
        }
    }
}
