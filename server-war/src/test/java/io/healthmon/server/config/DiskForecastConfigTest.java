package io.healthmon.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.server.domain.DiskForecastRules;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The disk-full forecast's settings: packaged defaults, both duration forms, and a refusal naming its key. */
class DiskForecastConfigTest {

    private static AlertRulesConfig config(Map<String, String> values) {
        AlertRulesConfig config = new AlertRulesConfig();
        config.config = new MapConfig(values);
        return config;
    }

    @Test
    void theDefaultsAreSixHoursTwelveReportsADayAheadRunEveryFiveMinutes() {
        AlertRulesConfig config = config(Map.of());
        assertEquals(DiskForecastRules.DEFAULTS, config.diskForecast());
        assertEquals(Duration.ofMinutes(5), config.diskForecastInterval());
    }

    @Test
    void durationsAreSecondsOrIso() {
        DiskForecastRules rules = config(Map.of(AlertRulesConfig.DISK_FORECAST_WINDOW, "PT2H",
                AlertRulesConfig.DISK_FORECAST_HORIZON, "172800", AlertRulesConfig.DISK_FORECAST_MIN_POINTS, "30")).diskForecast();
        assertEquals(new DiskForecastRules(Duration.ofHours(2), Duration.ofDays(2), 30), rules);
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        for (Map.Entry<String, String> bad : Map.of(AlertRulesConfig.DISK_FORECAST_WINDOW, "six hours",
                AlertRulesConfig.DISK_FORECAST_HORIZON, "0", AlertRulesConfig.DISK_FORECAST_MIN_POINTS, "1",
                AlertRulesConfig.DISK_FORECAST_INTERVAL, "PT2H").entrySet()) {
            AlertRulesConfig config = config(Map.of(bad.getKey(), bad.getValue()));
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> {
                config.diskForecast();
                config.diskForecastInterval();
            });
            assertTrue(e.getMessage().startsWith("Invalid configuration " + bad.getKey() + ":"), e.getMessage());
        }
    }
}
