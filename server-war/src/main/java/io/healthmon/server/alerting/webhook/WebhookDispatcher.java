package io.healthmon.server.alerting.webhook;

import io.healthmon.server.config.WebhookConfig;
import io.healthmon.server.persistence.schema.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the webhook outbox: woken after each alert change commits, and by a timer every
 * {@code healthmon.webhook.poll-interval} for retries and for rows left by a restart. One drain runs
 * at a time per server instance; instances share the outbox through row locks.
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
    WebhookSender sender;

    @Inject
    WebhookConfig config;

    @Inject
    SchemaMigration schema;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long millis = config.pollInterval().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig("webhook-redelivery", false));
    }

    /** Drains soon, on another thread: the caller (a committing request) does not wait for receivers. */
    @Asynchronous
    public void wake() {
        drain();
    }

    @Timeout
    void poll() {
        drain();
    }

    private void drain() {
        if (!schema.isApplied()) {
            return;
        }
        wanted.set(true);
        // A wake while draining is not lost: the drain goes round again.
        while (wanted.get() && draining.compareAndSet(false, true)) {
            try {
                wanted.set(false);
                while (sender.sendNextDue()) {
                    // one delivery per transaction until none is due
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Webhook delivery stopped; it resumes within "
                        + config.pollInterval().toSeconds() + " s. Cause: " + e.getMessage());
                wanted.set(false);
            } finally {
                draining.set(false);
            }
        }
    }
}
