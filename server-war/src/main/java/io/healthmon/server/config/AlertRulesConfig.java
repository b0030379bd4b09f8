package io.healthmon.server.config;

import io.healthmon.server.domain.AlertLifecycle;
import io.healthmon.server.domain.AlertRules;
import io.healthmon.server.domain.DiskForecastRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * Alert thresholds. Read on every use, so a change through Payara's config sources
 * ({@code asadmin set-config-property}) applies without a restart.
 */
@ApplicationScoped
public class AlertRulesConfig {

    public static final String CPU_THRESHOLD = "healthmon.alert.cpu-threshold";
    public static final String DISK_THRESHOLD = "healthmon.alert.disk-threshold";
    public static final String INODES_THRESHOLD = "healthmon.alert.inodes-threshold";
    public static final String OFFLINE_TIMEOUT = "healthmon.alert.offline-timeout";
    public static final String OFFLINE_CHECK_INTERVAL = "healthmon.alert.offline-check-interval";
    public static final String HYSTERESIS = "healthmon.alert.hysteresis";
    public static final String RESOLVE_AFTER = "healthmon.alert.resolve-after";
    public static final String DISK_FORECAST_WINDOW = "healthmon.alert.disk-forecast-window";
    public static final String DISK_FORECAST_HORIZON = "healthmon.alert.disk-forecast-horizon";
    public static final String DISK_FORECAST_MIN_POINTS = "healthmon.alert.disk-forecast-min-points";
    public static final String DISK_FORECAST_INTERVAL = "healthmon.alert.disk-forecast-interval";

    @Inject
    Config config;

    public AlertRules current() {
        ConfigReader reader = new ConfigReader(config);
        return new AlertRules(
                reader.decimal(CPU_THRESHOLD, 0, 100, "cpu_threshold"),
                reader.decimal(DISK_THRESHOLD, 0, 100, "disk_threshold"),
                reader.decimal(INODES_THRESHOLD, 0, 100),
                reader.duration(OFFLINE_TIMEOUT, Duration.ofSeconds(5), Duration.ofDays(7), "offline_timeout"));
    }

    /**
     * How an open alert resolves: once the value is {@code healthmon.alert.hysteresis} points (default
     * 5) below its threshold, for {@code healthmon.alert.resolve-after} reports in a row (default 1).
     */
    public AlertLifecycle lifecycle() {
        ConfigReader reader = new ConfigReader(config);
        return new AlertLifecycle(reader.decimal(HYSTERESIS, 0, 50), reader.integer(RESOLVE_AFTER, 1, 100));
    }

    /** How often the offline timer runs (default 30 s); read once, when the timer is created. */
    public Duration offlineCheckInterval() {
        return new ConfigReader(config).duration(OFFLINE_CHECK_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1));
    }

    /**
     * The disk-full forecast: the window fitted ({@code healthmon.alert.disk-forecast-window}, default 6 h),
     * how far ahead it looks ({@code healthmon.alert.disk-forecast-horizon}, default 24 h) and the fewest
     * reports in the window that make a forecast ({@code healthmon.alert.disk-forecast-min-points}, default 12).
     */
    public DiskForecastRules diskForecast() {
        ConfigReader reader = new ConfigReader(config);
        return new DiskForecastRules(
                reader.duration(DISK_FORECAST_WINDOW, Duration.ofMinutes(1), Duration.ofDays(31)),
                reader.duration(DISK_FORECAST_HORIZON, Duration.ofMinutes(1), Duration.ofDays(365)),
                reader.integer(DISK_FORECAST_MIN_POINTS, 2, 100_000));
    }

    /** How often the disk forecast runs over the fleet (default 300 s); read once, when its timer is created. */
    public Duration diskForecastInterval() {
        return new ConfigReader(config).duration(DISK_FORECAST_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1));
    }
}
