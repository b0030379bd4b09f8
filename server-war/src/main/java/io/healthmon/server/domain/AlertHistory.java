package io.healthmon.server.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An alert as operators read it back, with each webhook delivery of its notices. */
public record AlertHistory(
        long id,
        String serverId,
        String kind,
        String subject,
        String state,
        Double value,
        Double threshold,
        Double lastValue,
        Instant openedAt,
        Instant resolvedAt,
        List<Delivery> deliveries) {

    /** One notice to one receiver: PENDING (with when it is tried next), DELIVERED or FAILED. */
    public record Delivery(
            UUID eventId,
            String event,
            String receiver,
            String state,
            int attempts,
            String lastError,
            Instant nextAttemptAt,
            Instant deliveredAt) {
    }
}
