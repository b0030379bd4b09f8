package io.healthmon.server.persistence.jpa;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions at the persistence edge (see the package note on EclipseLink and Instant). */
public final class UtcTimes {
    private UtcTimes() {
    }

    public static OffsetDateTime toUtc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant toInstant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
