package io.healthmon.server.application.port;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending delivery claimed for sending until {@code leasedUntil}. Its result is recorded only while
 * the row still carries {@code token}: once the lease ran out and another sender claimed the row, a
 * late result changes nothing.
 */
public record WebhookDeliveryLease(long id, UUID eventId, String receiver, String payload, int attempts, UUID token,
                                   Instant leasedUntil) {
}
