package io.healthmon.server.domain;

import java.time.Instant;

/**
 * A stored alert as the alert engine judges it: opened once, resolved once. {@code value} is the
 * value that opened it, {@code lastValue} the latest seen (the resolving one once resolved),
 * {@code clearStreak} how many reports in a row were clear while open, and {@code notified} false while
 * its latest change is owed to the notifiers (held back while its server was Down or a silence covered it).
 */
public record Alert(
        long id,
        long serverRef,
        AlertKind kind,
        String subject,
        boolean open,
        Double value,
        Double threshold,
        Double lastValue,
        int clearStreak,
        boolean notified,
        Instant openedAt,
        Instant resolvedAt) {
}
