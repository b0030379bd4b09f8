package io.healthmon.server.application;

import io.healthmon.server.application.port.SilenceStore;
import io.healthmon.server.application.port.ThresholdStore;
import io.healthmon.server.cluster.Grid;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Tells every instance of the cluster that a table each keeps a copy of (the thresholds, the silences)
 * changed, once the change commits, so each drops its copy and the next report anywhere is judged by
 * the change. The message travels on the grid before the operator's request is answered; a message
 * lost (an instance joining at that moment) is made good by the copy's own age limit.
 */
@ApplicationScoped
public class CopiedTableChanges {

    static final String TOPIC = "healthmon-copied-tables";

    /** The tables held as copies. */
    enum Table { THRESHOLDS, SILENCES }

    @Inject
    Grid grid;

    @Inject
    ThresholdStore overrides;

    @Inject
    SilenceStore silences;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Listens from start-up on: an instance that never served the operators' API still judges reports. */
    void listen(@Observes @Initialized(ApplicationScoped.class) Object started) {
        grid.subscribe(TOPIC, message -> {
            switch (Table.valueOf(message)) {
                case THRESHOLDS -> overrides.forgetCopy();
                case SILENCES -> silences.forgetCopy();
            }
        });
    }

    /** Announces the change to {@code table} when the current transaction commits. */
    void announceWhenCommitted(Table table) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    grid.publish(TOPIC, table.name());
                }
            }
        });
    }
}
