package io.healthmon.server.alerting.webhook;

import io.healthmon.server.cluster.Duty;
import io.healthmon.server.cluster.DutyTimer;
import io.healthmon.server.config.WebhookConfig;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Starts the receivers' delivery lanes: at once for the configured receivers after each alert change
 * commits, and every {@code healthmon.webhook.poll-interval} for every receiver with a delivery due
 * (retries, breakers ready for a trial, rows left by a restart or by a dead instance's lapsed lease);
 * that sweep is the {@link Duty#WEBHOOK_OUTBOX} duty, done by its holder alone. Each delivery is claimed
 * with a lease of its own, so whichever instance sends a notice, it is sent once.
 * It never waits for a receiver itself; that is the lanes' work.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatcher extends DutyTimer {

    @Inject
    DeliveryLanes lanes;

    @Inject
    LeasedOutbox outbox;

    @Inject
    WebhookConfig config;

    public WebhookDispatcher() {
        super(Duty.WEBHOOK_OUTBOX, Logger.getLogger(WebhookDispatcher.class.getName()), "The webhook outbox sweep");
    }

    /** New notices were committed: their receivers' lanes send them now. */
    public void wake() {
        if (schemaApplied()) {
            lanes.wake(config.receiverUrls());
        }
    }

    @Override
    protected Duration interval() {
        return config.pollInterval();
    }

    @Override
    protected void work() {
        lanes.wake(outbox.receiversWithDue());
    }
}
