package io.healthmon.server.alerting.webhook;

import io.healthmon.server.application.port.WebhookDeliveryLease;
import io.healthmon.server.failure.DatabaseOutage;
import io.healthmon.server.logging.ThrottledLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * One receiver's delivery lane: it claims that receiver's due deliveries, posts them one at a time on a
 * managed thread of its own, and records each result. Lanes share nothing but the executor, so a
 * receiver that never answers holds only its own lane, and its breaker soon stops even that. One call
 * at a time is the lane's concurrency bound: a receiver is never flooded, and it never pays for
 * another's slowness.
 */
final class DeliveryLane {

    private static final Logger LOG = Logger.getLogger(DeliveryLane.class.getName());

    private final String receiver;
    private final LeasedOutbox outbox;
    private final WebhookClient client;
    private final ReceiverBreaker breaker;
    private final Clock clock;
    private final Duration callBound;
    private final Executor executor;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    /** With the database away a lane stops at every wake: a line a minute says so. */
    private final ThrottledLog stopped = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    DeliveryLane(String receiver, LeasedOutbox outbox, WebhookClient client, ReceiverBreaker breaker, Clock clock,
                 Duration callBound, Executor executor) {
        this.receiver = receiver;
        this.outbox = outbox;
        this.client = client;
        this.breaker = breaker;
        this.clock = clock;
        this.callBound = callBound;
        this.executor = executor;
    }

    /** Sends what is due soon, on the lane's thread; the caller never waits for the receiver. */
    void wake() {
        wanted.set(true);
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(this::drainWhileWanted);
            } catch (RuntimeException e) {
                running.set(false);
                LOG.warning(() -> "Webhook lane for " + receiver + " could not start (" + e
                        + "); the next outbox sweep tries again");
            }
        }
    }

    private void drainWhileWanted() {
        try {
            // A wake while draining is not lost: the lane goes round again.
            while (wanted.getAndSet(false)) {
                drain();
            }
        } catch (RuntimeException e) {
            stopped.warning("stopped", () -> "Webhook delivery to " + receiver + " stopped; the next outbox sweep resumes it."
                    + " Cause: " + DatabaseOutage.describe(e));
        } finally {
            running.set(false);
        }
        if (wanted.get() && !Thread.currentThread().isInterrupted()) {
            wake();
        }
    }

    private void drain() {
        while (breaker.allowsCallAt(clock.instant()) && !Thread.currentThread().isInterrupted()) {
            List<WebhookDeliveryLease> claimed = outbox.claim(receiver);
            if (claimed.isEmpty()) {
                return;
            }
            send(claimed);
        }
    }

    /** Sends a claim's rows in order; what is left when the breaker opens or the lease runs short goes back. */
    private void send(List<WebhookDeliveryLease> claimed) {
        for (WebhookDeliveryLease lease : claimed) {
            Instant now = clock.instant();
            if (!breaker.allowsCallAt(now) || now.plus(callBound).plus(LeasedOutbox.LEASE_MARGIN).isAfter(lease.leasedUntil())
                    || Thread.currentThread().isInterrupted()) {
                outbox.release(lease.token());
                return;
            }
            WebhookClient.Attempt attempt = call(lease);
            breaker.record(attempt.answered(), clock.instant());
            outbox.record(lease, attempt);
            if (!breaker.allowsCallAt(clock.instant())) {
                LOG.warning(() -> "Webhook " + receiver + " does not answer (" + attempt.error()
                        + "); its deliveries wait, unattempted, until a trial call at " + breaker.openUntil().orElseThrow());
            }
        }
    }

    private WebhookClient.Attempt call(WebhookDeliveryLease lease) {
        try {
            return client.post(receiver, lease.eventId(), lease.payload());
        } catch (TimeoutException e) {
            // Fault Tolerance interrupted the call at its ceiling; the lane's thread carries on.
            Thread.interrupted();
            return WebhookClient.Attempt.unanswered("no answer within the call's ceiling");
        }
    }
}
