package io.healthmon.server.application;

import io.healthmon.server.cluster.Grid;
import io.healthmon.server.persistence.jpa.ThresholdOverrideRepository;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Tells every instance of the cluster that a server's thresholds changed, once the change commits, so
 * each drops its copy of the overrides and the next report anywhere is judged by the new ones. The
 * message travels on the grid before the operator's request is answered; a message lost (an instance
 * joining at that moment) is made good by the copy's own age limit.
 */
@ApplicationScoped
public class ThresholdChanges {

    static final String TOPIC = "healthmon-thresholds";

    @Inject
    Grid grid;

    @Inject
    ThresholdOverrideRepository overrides;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Listens from start-up on: an instance that never served the thresholds API still judges reports. */
    void listen(@Observes @Initialized(ApplicationScoped.class) Object started) {
        grid.subscribe(TOPIC, message -> overrides.forgetCopy());
    }

    /** Announces the change when the current transaction commits. */
    void announceWhenCommitted() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    grid.publish(TOPIC, "changed");
                }
            }
        });
    }
}
