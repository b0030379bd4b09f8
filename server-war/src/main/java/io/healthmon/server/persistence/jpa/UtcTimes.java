package io.healthmon.server.persistence.jpa;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions at the persistence edge (see the package note on EclipseLink and Instant). Package-private:
 * entities and repositories take and return {@code Instant}, so no other package converts.
 */
final class UtcTimes {
    private UtcTimes() {
    }

    static OffsetDateTime toUtc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant toInstant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
