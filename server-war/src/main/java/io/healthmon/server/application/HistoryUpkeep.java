package io.healthmon.server.application;

import io.healthmon.server.cluster.ClusterDuties;
import io.healthmon.server.cluster.Duty;
import io.healthmon.server.config.HistoryConfig;
import io.healthmon.server.failure.DatabaseOutage;
import io.healthmon.server.logging.ThrottledLog;
import io.healthmon.server.persistence.schema.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * An EJB timer that runs {@link HistoryMaintenance} every {@code healthmon.rollup.interval} (default
 * 300 s): a bucket is rolled up within one period of its end. Not persistent: every instance runs its
 * own, and only the holder of the {@link Duty#HISTORY} lease does the work; a doubled run would only
 * write the same rollups again.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HistoryUpkeep {

    private static final Logger LOG = Logger.getLogger(HistoryUpkeep.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    HistoryMaintenance maintenance;

    @Inject
    SchemaMigration schema;

    @Inject
    HistoryConfig config;

    @Inject
    ClusterDuties duties;

    /** With the database away this fails every interval: a line a minute says so. */
    private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    @PostConstruct
    void schedule() {
        long millis = config.rollupInterval().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig("history-upkeep", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void run() {
        if (!schema.isApplied() || !duties.holds(Duty.HISTORY)) {
            return;
        }
        try {
            maintenance.rollUp();
            maintenance.prune();
        } catch (SQLException | RuntimeException e) {
            failures.warning("failed", () -> "Rolling up or pruning the history failed; it runs again every "
                    + config.rollupInterval().toSeconds() + " s, and the rollups catch up then. Cause: "
                    + DatabaseOutage.describe(e));
        }
    }
}
