package io.healthmon.server.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * How long each level of history is kept (the reports, their 5-minute and hourly rollups, resolved
 * alerts, finished webhook deliveries) and how the rollup job runs. Read at start-up. The reports'
 * retention is {@link IngestConfig#RETENTION}, which ingestion also uses to refuse older reports.
 */
@ApplicationScoped
public class HistoryConfig {

    public static final String FIVE_MINUTE_DAYS = "healthmon.retention.five-minute-days";
    public static final String HOURLY_DAYS = "healthmon.retention.hourly-days";
    public static final String ALERT_DAYS = "healthmon.retention.alert-days";
    public static final String DELIVERY_DAYS = "healthmon.retention.delivery-days";
    public static final String ROLLUP_INTERVAL = "healthmon.rollup.interval";
    public static final String ROLLUP_LATENESS = "healthmon.rollup.lateness";

    @Inject
    Config config;

    @Inject
    IngestConfig ingest;

    private Duration fiveMinuteRetention;
    private Duration hourlyRetention;
    private Duration alertRetention;
    private Duration deliveryRetention;
    private Duration rollupInterval;
    private Duration rollupLateness;

    @PostConstruct
    void read() {
        ConfigReader reader = new ConfigReader(config);
        fiveMinuteRetention = Duration.ofDays(reader.integer(FIVE_MINUTE_DAYS, 1, 3650));
        hourlyRetention = Duration.ofDays(reader.integer(HOURLY_DAYS, 1, 3650));
        alertRetention = Duration.ofDays(reader.integer(ALERT_DAYS, 1, 3650));
        deliveryRetention = Duration.ofDays(reader.integer(DELIVERY_DAYS, 1, 3650));
        rollupInterval = reader.duration(ROLLUP_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1));
        // Each run rolls the buckets of this window again, for reports that arrive late (an agent's
        // spool sent after an outage); at most a day, which every raw retention still holds.
        rollupLateness = reader.duration(ROLLUP_LATENESS, Duration.ZERO, Duration.ofDays(1));
    }

    public Duration rawRetention() {
        return Duration.ofDays(ingest.retentionDays());
    }

    public Duration fiveMinuteRetention() {
        return fiveMinuteRetention;
    }

    public Duration hourlyRetention() {
        return hourlyRetention;
    }

    /** Resolved alerts older than this (by when they resolved) are deleted, with their deliveries. */
    public Duration alertRetention() {
        return alertRetention;
    }

    /** Delivered or abandoned webhook deliveries older than this (by when they were created) are deleted. */
    public Duration deliveryRetention() {
        return deliveryRetention;
    }

    public Duration rollupInterval() {
        return rollupInterval;
    }

    public Duration rollupLateness() {
        return rollupLateness;
    }
}
