package io.healthmon.server.application;

import io.healthmon.server.cluster.Duty;
import io.healthmon.server.config.AlertRulesConfig;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * An EJB timer that runs the disk-full forecast over the fleet ({@link DiskForecasts}) every
 * {@code healthmon.alert.disk-forecast-interval} seconds (default 300): a disk's DISK_FILLING alert opens
 * or resolves within one period of its forecast crossing the rule. Not persistent: every instance runs
 * its own, and only the holder of the {@link Duty#DISK_FORECAST} lease does the work (the health row
 * locks and the one-open-alert index keep a doubled run from opening anything twice).
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DiskFillingDetection extends AlertRuleTimer {

    @Inject
    DiskForecasts forecasts;

    public DiskFillingDetection() {
        super(Duty.DISK_FORECAST, Logger.getLogger(DiskFillingDetection.class.getName()), "The disk forecast",
                AlertRulesConfig::diskForecastInterval);
    }

    @Override
    protected void work() throws SQLException {
        logChanged(forecasts.judgeFleet(), "DISK_FILLING alert(s) opened or resolved by the disk forecast");
    }
}
