package io.healthmon.server.application;

import io.healthmon.server.alerting.AlertEngine;
import io.healthmon.server.application.port.SilenceStore;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.Silences;
import io.healthmon.server.persistence.jpa.AlertRepository;
import io.healthmon.server.persistence.jpa.ServerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
    AlertRepository alerts;

    @Inject
    ServerRepository servers;

    @Inject
    SilenceStore silences;

    @Inject
    AlertEngine alertEngine;

    @Inject
    Clock clock;

    /** Returns how many notices it told. */
    @Transactional
    public int tellThoseNoSilenceHolds() {
        Instant now = clock.instant();
        Silences active = silences.activeAt(now);
        TreeSet<Long> due = new TreeSet<>();
        for (AlertRepository.Owed owed : alerts.owedOfServersUp()) {
            if (!active.cover(owed.serverId(), AlertKind.valueOf(owed.kind()), owed.subject(), now)) {
                due.add(owed.serverRef());
            }
        }
        int told = 0;
        for (long serverRef : due) {
            servers.lockHealth(serverRef);
            told += alertEngine.tellOwed(serverRef, active, now);
        }
        return told;
    }
}
