package io.healthmon.server.alerting.webhook;

import io.healthmon.server.config.WebhookConfig;
import io.healthmon.server.persistence.jpa.UtcTimes;
import io.healthmon.server.persistence.jpa.WebhookDeliveryEntity;
import io.healthmon.server.persistence.jpa.WebhookDeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Makes one delivery attempt from the outbox, in its own transaction: the row stays locked while
 * its receiver is called, so two server instances never send the same row, and the outcome is
 * committed before the next row is taken.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());

    @Inject
    WebhookDeliveryRepository outbox;

    @Inject
    WebhookClient client;

    @Inject
    WebhookConfig config;

    @Inject
    Clock clock;

    /** @return false when no delivery was due */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean sendNextDue() {
        Instant now = clock.instant();
        Optional<WebhookDeliveryEntity> due = outbox.lockNextDue(UtcTimes.toUtc(now));
        if (due.isEmpty()) {
            return false;
        }
        WebhookDeliveryEntity delivery = due.get();
        WebhookClient.Attempt attempt = client.post(delivery.getReceiver(), delivery.getEventId(), delivery.getPayload());
        Instant after = clock.instant();
        if (attempt.delivered()) {
            delivery.delivered(UtcTimes.toUtc(after));
            return true;
        }
        RedeliverySchedule schedule = new RedeliverySchedule(config.maxAttempts(), config.initialBackoff(), config.maxBackoff());
        Optional<Instant> next = schedule.next(delivery.getAttempts() + 1, after, attempt.retryAfter(), ThreadLocalRandom.current());
        delivery.attemptFailed(truncate(attempt.error()), next.map(UtcTimes::toUtc).orElse(null));
        if (next.isPresent()) {
            LOG.info(() -> "Webhook " + delivery.getReceiver() + " refused event " + delivery.getEventId() + " ("
                    + attempt.error() + "), attempt " + delivery.getAttempts() + " of " + config.maxAttempts()
                    + "; next at " + next.get());
        } else {
            LOG.warning(() -> "Webhook " + delivery.getReceiver() + " failed for good on event " + delivery.getEventId()
                    + " after " + delivery.getAttempts() + " attempts: " + attempt.error());
        }
        return true;
    }

    private static String truncate(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
