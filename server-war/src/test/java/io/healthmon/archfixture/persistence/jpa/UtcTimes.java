package io.healthmon.archfixture.persistence.jpa;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Stands for the persistence time conversion, left public here so that a class outside can call it. */
public final class UtcTimes {
    private UtcTimes() {
    }

    public static OffsetDateTime toUtc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
