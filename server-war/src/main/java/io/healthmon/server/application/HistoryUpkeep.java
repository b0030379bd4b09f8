package io.healthmon.server.application;

import io.healthmon.server.cluster.Duty;
import io.healthmon.server.cluster.DutyTimer;
import io.healthmon.server.config.HistoryConfig;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.sql.SQLException;
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
public class HistoryUpkeep extends DutyTimer {

    @Inject
    HistoryMaintenance maintenance;

    @Inject
    HistoryConfig config;

    public HistoryUpkeep() {
        super(Duty.HISTORY, Logger.getLogger(HistoryUpkeep.class.getName()),
                "Rolling up and pruning the history (the rollups catch up at the next run)");
    }

    @Override
    protected Duration interval() {
        return config.rollupInterval();
    }

    @Override
    protected void work() throws SQLException {
        maintenance.rollUp();
        maintenance.prune();
    }
}
