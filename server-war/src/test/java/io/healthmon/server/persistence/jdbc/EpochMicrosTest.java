package io.healthmon.server.persistence.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochMicrosTest {

    @Test
    void timesAreRoundedHalfUpToTheMicrosecondAsTheDriverRounds() {
        Instant second = Instant.parse("2026-12-03T04:00:00Z");
        assertEquals(second.plusNanos(1_000), roundTrip(second.plusNanos(1_499)));
        assertEquals(second.plusNanos(2_000), roundTrip(second.plusNanos(1_500)));
        assertEquals(second.plusSeconds(1), roundTrip(second.plusNanos(999_999_500)));
        assertEquals(second, roundTrip(second));
        assertEquals(1_796_270_400_000_000L, EpochMicros.of(second));
    }

    @Test
    void timesBeforeTheEpochAreKept() {
        assertEquals(-1_000_000L, EpochMicros.of(Instant.EPOCH.minusSeconds(1)));
        assertEquals(-1L, EpochMicros.of(Instant.EPOCH.minusNanos(1_000)));
        assertEquals(Instant.EPOCH.minusNanos(1_000), EpochMicros.toInstant(-1L));
    }

    private static Instant roundTrip(Instant time) {
        return EpochMicros.toInstant(EpochMicros.of(time));
    }
}
