package io.healthmon.server.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The webhook outbox: one row per notice and receiver, written in the transaction that opened or
 * resolved the alert, then claimed under a lease, sent, and its result recorded.
 */
public interface WebhookOutbox {

    /** A notice to send: its event id, the alert it tells of, OPENED or RESOLVED, to whom, and the body. */
    void add(UUID eventId, long alertRef, String eventType, String receiver, String payload, Instant now);

    /**
     * Claims up to {@code limit} of one receiver's due deliveries until {@code leasedUntil}, all under
     * one {@code token}; rows another sender holds are skipped, and attempts are not counted here. A
     * row is due when its next attempt has come and it is not leased, or its lease ran out (its sender
     * died mid-send). A receiver gets an alert's notices in order: a notice waits while an earlier one
     * for the same alert and receiver is still pending.
     */
    List<WebhookDeliveryLease> claimDue(String receiver, Instant now, int limit, UUID token, Instant leasedUntil);

    /** The receivers with at least one delivery due at {@code now}. */
    List<String> receiversWithDue(Instant now);

    /** @return false when the lease was lost, so nothing was recorded */
    boolean recordDelivered(WebhookDeliveryLease lease, Instant at);

    /**
     * A failed attempt: due again at {@code next}, or FAILED for good when {@code next} is empty.
     *
     * @return false when the lease was lost, so nothing was recorded
     */
    boolean recordFailed(WebhookDeliveryLease lease, String error, Optional<Instant> next);

    /** Hands back the still-leased rows of one claim unattempted: they are due again at once; how many. */
    int release(UUID token);
}
