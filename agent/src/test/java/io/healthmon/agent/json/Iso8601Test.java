package io.healthmon.agent.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The agent's own ISO-8601 writing and reading agree with the JDK's, which the server's Jackson uses. */
class Iso8601Test {

    @Test
    void formatWritesWhatInstantToStringWrites() {
        // Whole seconds, milliseconds, microseconds, nanoseconds, and instants outside the fast path's years.
        qt().forAll(longs().between(-100_000_000_000L, 400_000_000_000L), integers().between(0, 999_999_999),
                integers().between(0, 3)).checkAssert((seconds, nanos, precision) -> {
                    int n = switch (precision) {
                        case 0 -> 0;
                        case 1 -> nanos / 1_000_000 * 1_000_000;
                        case 2 -> nanos / 1000 * 1000;
                        default -> nanos;
                    };
                    Instant t = Instant.ofEpochSecond(seconds, n);
                    assertEquals(t.toString(), Iso8601.format(t));
                    assertEquals(t, Iso8601.parse(Iso8601.format(t)));
                });
    }

    @Test
    void parseReadsOtherShapesAsTheJdkDoes() {
        assertEquals(Instant.parse("2026-11-24T10:30:00.5Z"), Iso8601.parse("2026-11-24T10:30:00.5Z"));
        assertEquals(Instant.parse("2026-12-31T23:59:60Z"), Iso8601.parse("2026-12-31T23:59:60Z"));
        assertThrows(DateTimeException.class, () -> Iso8601.parse("2026-02-30T10:30:00Z"));
        assertThrows(DateTimeException.class, () -> Iso8601.parse("2026-11-24T24:30:00Z"));
        assertThrows(DateTimeException.class, () -> Iso8601.parse("2026-11-24 10:30:00Z"));
        assertThrows(DateTimeException.class, () -> Iso8601.parse("yesterday"));
    }
}
