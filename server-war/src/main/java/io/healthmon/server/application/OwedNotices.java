package io.healthmon.server.application;

import io.healthmon.server.alerting.AlertEngine;
import io.healthmon.server.application.port.AlertStore;
import io.healthmon.server.application.port.HealthStore;
import io.healthmon.server.application.port.SilenceStore;
import io.healthmon.server.domain.Silences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.TreeSet;

/**
 * Tells what silences held back once no active silence covers it: the notify-once at a silence's end
 * (whether it expired or was ended early). The owed alerts are found without locks; each server with
 * something due then has its health row locked, in server order as the ingest writers lock them, and
 * its owed alerts read again under the lock, so two instances doing this at once tell each notice once.
 */
@ApplicationScoped
public class OwedNotices {

    @Inject
    AlertStore alerts;

    @Inject
    HealthStore healthRows;

    @Inject
    SilenceStore silences;

    @Inject
    AlertEngine alertEngine;

    @Inject
    Clock clock;

    /** Returns how many notices it told. */
    @Transactional(rollbackOn = SQLException.class)
    public int tellThoseNoSilenceHolds() throws SQLException {
        Instant now = clock.instant();
        Silences active = silences.activeAt(now);
        TreeSet<Long> due = new TreeSet<>();
        for (AlertStore.Owed owed : alerts.owedOfServersUp()) {
            if (!active.cover(owed.serverId(), owed.kind(), owed.subject(), now)) {
                due.add(owed.serverRef());
            }
        }
        int told = 0;
        for (long serverRef : due) {
            String serverId = healthRows.lock(serverRef);
            told += alertEngine.tellOwed(serverRef, serverId, active, now);
        }
        return told;
    }
}
