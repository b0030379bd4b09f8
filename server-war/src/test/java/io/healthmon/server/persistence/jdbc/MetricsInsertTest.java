package io.healthmon.server.persistence.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsInsertTest {

    @Test
    void anInsertOfNRowsBindsNineteenParametersPerRowAndReturnsTheStoredKeys() {
        for (int rows : new int[] {1, 2, 31, MetricsInsert.MAX_ROWS}) {
            String sql = MetricsInsert.sqlOf(rows);
            assertEquals(19L * rows, sql.chars().filter(c -> c == '?').count(), "parameters for " + rows + " rows");
            assertTrue(sql.endsWith("on conflict (server_ref, collected_at) do nothing returning server_ref, collected_at"), sql);
        }
        assertTrue(19 * MetricsInsert.MAX_ROWS <= 65_535, "within the protocol's parameter limit");
    }

    @Test
    void timestampsAreRoundedHalfUpToTheMicrosecondAsTheDriverRounds() {
        Instant second = Instant.parse("2026-12-03T04:00:00Z");
        assertEquals(second.plusNanos(1_000), MetricsInsert.toMicros(second.plusNanos(1_499)).toInstant());
        assertEquals(second.plusNanos(2_000), MetricsInsert.toMicros(second.plusNanos(1_500)).toInstant());
        assertEquals(second.plusSeconds(1), MetricsInsert.toMicros(second.plusNanos(999_999_500)).toInstant());
        assertEquals(second, MetricsInsert.toMicros(second).toInstant());
    }
}
