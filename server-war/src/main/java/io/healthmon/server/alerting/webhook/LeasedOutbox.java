package io.healthmon.server.alerting.webhook;

import io.healthmon.server.application.port.WebhookDeliveryLease;
import io.healthmon.server.application.port.WebhookOutbox;
import io.healthmon.server.config.WebhookConfig;
import io.healthmon.server.telemetry.ServerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * The outbox as the lanes use it: claim, record, release, each in a short transaction of its own that
 * commits before anything else happens, so no connection, transaction or row lock outlives the method
 * and none is held while a receiver is called. A claim is a lease: if its sender dies, the rows are due
 * again once it runs out, on any server instance.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class LeasedOutbox {

    /** Deliveries claimed at once: enough to spare a transaction per row, few enough to share fairly. */
    static final int CLAIM_SIZE = 20;

    /** Slack on top of the call bound, for recording the result after the call returns. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(LeasedOutbox.class.getName());

    @Inject
    WebhookOutbox outbox;

    @Inject
    WebhookConfig config;

    @Inject
    Clock clock;

    @Inject
    ServerMetrics metrics;

    /**
     * Claims the receiver's next due deliveries. The lease covers two call bounds: the lane sends a row
     * only while a whole call still fits in its lease, and hands back the rest.
     */
    public List<WebhookDeliveryLease> claim(String receiver) {
        Instant now = clock.instant();
        Instant until = now.plus(config.timeout().multipliedBy(2)).plus(LEASE_MARGIN);
        return outbox.claimDue(receiver, now, CLAIM_SIZE, UUID.randomUUID(), until);
    }

    /** The receivers that have a delivery due now. */
    public List<String> receiversWithDue() {
        return outbox.receiversWithDue(clock.instant());
    }

    /** Hands back a claim's unsent rows, unattempted. */
    public void release(UUID token) {
        outbox.release(token);
    }

    /** Records one attempt, unless the lease was lost meanwhile (then the row's new holder records). */
    public void record(WebhookDeliveryLease lease, WebhookClient.Attempt attempt) {
        Instant now = clock.instant();
        if (attempt.delivered()) {
            metrics.webhookDelivered();
            if (!outbox.recordDelivered(lease, now)) {
                lostLease(lease, "delivered");
            }
            return;
        }
        metrics.webhookAttemptFailed();
        RedeliverySchedule schedule = new RedeliverySchedule(config.maxAttempts(), config.initialBackoff(), config.maxBackoff());
        int attempts = lease.attempts() + 1;
        Optional<Instant> next = schedule.next(attempts, now, attempt.retryAfter(), ThreadLocalRandom.current());
        if (!outbox.recordFailed(lease, truncate(attempt.error()), next)) {
            lostLease(lease, attempt.error());
            return;
        }
        if (next.isPresent()) {
            LOG.info(() -> "Webhook " + lease.receiver() + " refused event " + lease.eventId() + " (" + attempt.error()
                    + "), attempt " + attempts + " of " + config.maxAttempts() + "; next at " + next.get());
        } else {
            metrics.webhookGivenUp();
            LOG.warning(() -> "Webhook " + lease.receiver() + " failed for good on event " + lease.eventId() + " after "
                    + attempts + " attempts: " + attempt.error());
        }
    }

    private static void lostLease(WebhookDeliveryLease lease, String outcome) {
        LOG.warning(() -> "Webhook " + lease.receiver() + ", event " + lease.eventId() + ": the attempt ended ("
                + outcome + ") after its lease ran out at " + lease.leasedUntil()
                + "; not recorded, since the delivery is due again and may be sent once more");
    }

    private static String truncate(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
