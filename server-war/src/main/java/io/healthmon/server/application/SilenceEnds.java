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
import java.time.Clock;
import java.time.Duration;
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
public class SilenceEnds {

    private static final Logger LOG = Logger.getLogger(SilenceEnds.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    OwedNotices owed;

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
        long seconds = rules.offlineCheckInterval().toSeconds();
        timerService.createIntervalTimer(seconds * 1000, seconds * 1000, new TimerConfig("silence-ends", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void check() {
        if (!schema.isApplied() || !duties.holds(Duty.SILENCE_ENDS)) {
            return;
        }
        try {
            int told = owed.tellThoseNoSilenceHolds();
            if (told > 0) {
                LOG.info(() -> told + " alert notice(s) held back by silences told now that no silence covers them");
            }
        } catch (RuntimeException e) {
            failures.warning("failed", () -> "Telling the notices held back by ended silences failed; tried again every "
                    + rules.offlineCheckInterval().toSeconds() + " s. Cause: " + DatabaseOutage.describe(e));
        }
    }
}
