package io.healthmon.server.persistence.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HealthRowsTest {

    @Test
    void timesGoAsEpochMicrosecondsRoundedAsTheMetricsRowsTimes() {
        Instant second = Instant.parse("2026-12-03T17:00:00Z");
        for (long nanos : new long[] {0, 1_499, 1_500, 999_999_500, 123_456_789}) {
            OffsetDateTime time = second.plusNanos(nanos).atOffset(ZoneOffset.ofHours(2));
            Instant expected = MetricsInsert.toMicros(time.toInstant()).toInstant();
            long micros = HealthRows.epochMicros(time);
            assertEquals(expected, Instant.EPOCH.plusNanos(micros * 1_000), "nanos " + nanos);
        }
        assertEquals(-1_000_000L, HealthRows.epochMicros(Instant.EPOCH.minusSeconds(1).atOffset(ZoneOffset.UTC)));
        assertEquals(-1L, HealthRows.epochMicros(Instant.EPOCH.minusNanos(1_000).atOffset(ZoneOffset.UTC)));
        assertNull(HealthRows.epochMicros(null));
    }
}
