package io.healthmon.server.application;

import io.healthmon.server.cluster.ClusterDuties;
import io.healthmon.server.cluster.Duty;
import io.healthmon.server.config.AlertRulesConfig;
import io.healthmon.server.failure.DatabaseOutage;
import io.healthmon.server.logging.ThrottledLog;
import io.healthmon.server.persistence.schema.SchemaMigration;
import io.healthmon.server.telemetry.ServerMetrics;
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
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * An EJB timer that marks servers Down when they stop reporting. It runs every
 * {@code healthmon.alert.offline-check-interval} seconds (default 30), so a silent server is Down
 * within the offline timeout plus one period. The timer is not persistent: every instance runs its
 * own, and only the holder of the {@link Duty#OFFLINE_DETECTION} lease does the work (its rows are also
 * locked with {@code SKIP LOCKED}, so even two holders could not count a server twice).
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OfflineDetection {

    private static final Logger LOG = Logger.getLogger(OfflineDetection.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    HealthService health;

    @Inject
    SchemaMigration schema;

    @Inject
    AlertRulesConfig rules;

    @Inject
    ClusterDuties duties;

    @Inject
    ServerMetrics metrics;

    /** With the database away this fails every interval: a line a minute says so. */
    private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    @PostConstruct
    void schedule() {
        long seconds = rules.offlineCheckInterval().toSeconds();
        timerService.createIntervalTimer(seconds * 1000, seconds * 1000, new TimerConfig("offline-detection", false));
        LOG.info("Offline detection runs every " + seconds + " s");
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void check() {
        if (!schema.isApplied() || !duties.holds(Duty.OFFLINE_DETECTION)) {
            return;
        }
        try {
            health.markSilentServersDown();
            metrics.offlineCheckRun();
        } catch (RuntimeException e) {
            failures.warning("failed", () -> "Offline detection failed; it runs again every "
                    + rules.offlineCheckInterval().toSeconds() + " s. Cause: " + DatabaseOutage.describe(e));
        }
    }
}
