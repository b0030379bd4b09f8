package io.healthmon.server.alerting.webhook;

import io.healthmon.server.cluster.ClusterDuties;
import io.healthmon.server.cluster.Duty;
import io.healthmon.server.config.WebhookConfig;
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
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    DeliveryLanes lanes;

    @Inject
    LeasedOutbox outbox;

    @Inject
    WebhookConfig config;

    @Inject
    SchemaMigration schema;

    @Inject
    ClusterDuties duties;

    @PostConstruct
    void schedule() {
        long millis = config.pollInterval().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig("webhook-redelivery", false));
    }

    /** New notices were committed: their receivers' lanes send them now. */
    public void wake() {
        if (schema.isApplied()) {
            lanes.wake(config.receiverUrls());
        }
    }

    /** With the database away every sweep fails: a line a minute says so. */
    private final ThrottledLog sweepFailures = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    @Timeout
    void poll() {
        if (!schema.isApplied() || !duties.holds(Duty.WEBHOOK_OUTBOX)) {
            return;
        }
        try {
            lanes.wake(outbox.receiversWithDue());
        } catch (RuntimeException e) {
            sweepFailures.warning("sweep", () -> "Webhook outbox sweep failed; it runs again every "
                    + config.pollInterval().toSeconds() + " s. Cause: " + DatabaseOutage.describe(e));
        }
    }
}
