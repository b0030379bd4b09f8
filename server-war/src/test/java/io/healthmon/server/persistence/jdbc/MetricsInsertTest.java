package io.healthmon.server.persistence.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
