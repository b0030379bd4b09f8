package io.healthmon.server.application;

import io.healthmon.server.application.port.HistoryPruning;
import io.healthmon.server.application.port.ReportPartitions;
import io.healthmon.server.application.port.RollupStore;
import io.healthmon.server.config.HistoryConfig;
import io.healthmon.server.domain.HistoryLevel;
import io.healthmon.server.domain.RollupWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The history's upkeep, one run at a time ({@link HistoryUpkeep}): rolls the reports up into 5-minute
 * and hourly buckets ({@link RollupWindow}: the buckets completed since the last run and those of the
 * lateness window again), then deletes each level past its retention: the reports by whole daily
 * partitions, the rollups, resolved alerts and finished webhook deliveries by age.
 */
@ApplicationScoped
public class HistoryMaintenance {

    private static final Logger LOG = Logger.getLogger(HistoryMaintenance.class.getName());

    @Inject
    RollupStore rollups;

    @Inject
    ReportPartitions partitions;

    @Inject
    HistoryPruning alerts;

    @Inject
    HistoryConfig config;

    @Inject
    Clock clock;

    /** Rolls up what is due; answers the window rolled up, if any. */
    public Optional<RollupWindow> rollUp() throws SQLException {
        Instant now = clock.instant();
        return rollups.rollUp(rolledUntil -> RollupWindow.next(rolledUntil, now, config.rollupLateness(),
                config.rawRetention()), FleetQueries.MAX_RATE_INTERVAL);
    }

    /** Deletes every level's history past its retention. */
    public void prune() throws SQLException {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int partitionsDropped = partitions.dropBefore(today.minusDays(config.rawRetention().toDays()));
        int fiveMinutes = rollups.deleteBefore(HistoryLevel.FIVE_MINUTES, now.minus(config.fiveMinuteRetention()));
        int hours = rollups.deleteBefore(HistoryLevel.HOURLY, now.minus(config.hourlyRetention()));
        int resolved = alerts.deleteResolvedBefore(now.minus(config.alertRetention()));
        int deliveries = alerts.deleteFinishedDeliveriesBefore(now.minus(config.deliveryRetention()));
        if (partitionsDropped + fiveMinutes + hours + resolved + deliveries > 0) {
            LOG.info("History past retention deleted: " + partitionsDropped + " daily partition(s) of reports, "
                    + fiveMinutes + " 5-minute and " + hours + " hourly rollup(s), " + resolved + " resolved alert(s), "
                    + deliveries + " finished webhook deliveries");
        }
    }
}
