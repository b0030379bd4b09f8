package io.healthmon.server.alerting.webhook.format;

import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.domain.AlertKind;
import java.time.Instant;
import java.util.UUID;

/** Notices as the alert engine makes them, for the formats' tests. */
final class Notices {

    static final Instant OPENED_AT = Instant.parse("2026-12-06T10:00:00Z");
    static final Instant RESOLVED_AT = Instant.parse("2026-12-06T10:05:00Z");

    private Notices() {
    }

    static AlertNotice opened(AlertKind kind, String subject, double value, double threshold) {
        return new AlertNotice(UUID.randomUUID(), AlertNotice.OPENED, 42, "web-01", kind, subject, value, threshold,
                OPENED_AT, null);
    }

    static AlertNotice resolved(AlertKind kind, String subject, double value, double threshold) {
        return new AlertNotice(UUID.randomUUID(), AlertNotice.RESOLVED, 42, "web-01", kind, subject, value, threshold,
                OPENED_AT, RESOLVED_AT);
    }
}
