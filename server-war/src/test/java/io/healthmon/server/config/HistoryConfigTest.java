package io.healthmon.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each level's retention and the rollup job's settings, from the packaged defaults or as set. */
class HistoryConfigTest {

    private static HistoryConfig read(Map<String, String> values) {
        HistoryConfig config = new HistoryConfig();
        config.config = new MapConfig(values);
        config.read();
        return config;
    }

    @Test
    void theDefaultsKeepFiveMinuteRollups90DaysHourlyOnesAndResolvedAlerts400AndDeliveries30() {
        HistoryConfig config = read(Map.of());
        assertEquals(Duration.ofDays(90), config.fiveMinuteRetention());
        assertEquals(Duration.ofDays(400), config.hourlyRetention());
        assertEquals(Duration.ofDays(400), config.alertRetention());
        assertEquals(Duration.ofDays(30), config.deliveryRetention());
        assertEquals(Duration.ofMinutes(5), config.rollupInterval());
        assertEquals(Duration.ofMinutes(15), config.rollupLateness());
        assertEquals(Duration.ofHours(3), read(Map.of(HistoryConfig.ROLLUP_LATENESS, "PT3H")).rollupLateness());
    }

    @Test
    void aValueThatCannotBeUsedIsRefusedNamingItsKey() {
        for (Map.Entry<String, String> bad : Map.of(HistoryConfig.HOURLY_DAYS, "0", HistoryConfig.FIVE_MINUTE_DAYS, "ninety",
                HistoryConfig.ALERT_DAYS, "3651", HistoryConfig.DELIVERY_DAYS, "-1", HistoryConfig.ROLLUP_INTERVAL, "0",
                HistoryConfig.ROLLUP_LATENESS, "P2D").entrySet()) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> read(Map.of(bad.getKey(), bad.getValue())));
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }
}
