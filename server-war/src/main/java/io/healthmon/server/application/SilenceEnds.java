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
 * An EJB timer that tells what ended silences held back ({@link OwedNotices}), every
 * {@code healthmon.alert.offline-check-interval} seconds (default 30): a silence's end, whether it
 * expired or was ended early, is told within one period. Not persistent: every instance runs its own,
 * and only the holder of the {@link Duty#SILENCE_ENDS} lease does the work (and the health row locks
 * keep a doubled run from telling anything twice).
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SilenceEnds extends AlertRuleTimer {

    @Inject
    OwedNotices owed;

    public SilenceEnds() {
        super(Duty.SILENCE_ENDS, Logger.getLogger(SilenceEnds.class.getName()),
                "Telling the notices held back by ended silences", AlertRulesConfig::offlineCheckInterval);
    }

    @Override
    protected void work() throws SQLException {
        logChanged(owed.tellThoseNoSilenceHolds(), "alert notice(s) held back by silences told now that no silence covers them");
    }
}
