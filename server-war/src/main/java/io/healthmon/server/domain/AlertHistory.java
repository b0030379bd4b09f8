package io.healthmon.server.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An alert as operators read it back, with each webhook delivery of its notices and the active silences covering it. */
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
        List<Delivery> deliveries,
        List<Long> silenceIds) {

    /** The same alert, covered by these active silences (none: not silenced). */
    public AlertHistory silencedBy(List<Long> ids) {
        return new AlertHistory(id, serverId, kind, subject, state, value, threshold, lastValue, openedAt, resolvedAt,
                deliveries, List.copyOf(ids));
    }

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
