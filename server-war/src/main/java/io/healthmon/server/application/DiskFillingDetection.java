package io.healthmon.server.application;

import io.healthmon.server.cluster.ClusterDuties;
import io.healthmon.server.cluster.Duty;
import io.healthmon.server.config.AlertRulesConfig;
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
 * An EJB timer that runs the disk-full forecast over the fleet ({@link DiskForecasts}) every
 * {@code healthmon.alert.disk-forecast-interval} seconds (default 60): a disk's DISK_FILLING alert opens
 * or resolves within one period of its forecast crossing the rule. Not persistent: every instance runs
 * its own, and only the holder of the {@link Duty#DISK_FORECAST} lease does the work (the health row
 * locks and the one-open-alert index keep a doubled run from opening anything twice).
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DiskFillingDetection {

    private static final Logger LOG = Logger.getLogger(DiskFillingDetection.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    DiskForecasts forecasts;

    @Inject
    SchemaMigration schema;

    @Inject
    AlertRulesConfig rules;

    @Inject
    ClusterDuties duties;

    /** With the database away this fails every interval: a line a minute says so. */
    private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    @PostConstruct
    void schedule() {
        long seconds = rules.diskForecastInterval().toSeconds();
        timerService.createIntervalTimer(seconds * 1000, seconds * 1000, new TimerConfig("disk-forecast", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void check() {
        if (!schema.isApplied() || !duties.holds(Duty.DISK_FORECAST)) {
            return;
        }
        try {
            int changed = forecasts.judgeFleet();
            if (changed > 0) {
                LOG.info(() -> changed + " DISK_FILLING alert(s) opened or resolved by the disk forecast");
            }
        } catch (SQLException | RuntimeException e) {
            failures.warning("failed", () -> "The disk forecast failed; it runs again every "
                    + rules.diskForecastInterval().toSeconds() + " s. Cause: " + DatabaseOutage.describe(e));
        }
    }
}
