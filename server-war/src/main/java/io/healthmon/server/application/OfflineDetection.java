package io.healthmon.server.application;

import io.healthmon.server.cluster.Duty;
import io.healthmon.server.config.AlertRulesConfig;
import io.healthmon.server.telemetry.ServerMetrics;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.sql.SQLException;
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
public class OfflineDetection extends AlertRuleTimer {

    @Inject
    HealthService health;

    @Inject
    ServerMetrics metrics;

    public OfflineDetection() {
        super(Duty.OFFLINE_DETECTION, Logger.getLogger(OfflineDetection.class.getName()), "Offline detection",
                AlertRulesConfig::offlineCheckInterval);
    }

    @Override
    protected void work() throws SQLException {
        health.markSilentServersDown();
        metrics.offlineCheckRun();
    }
}
