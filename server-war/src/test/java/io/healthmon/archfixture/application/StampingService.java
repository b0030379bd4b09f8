package io.healthmon.archfixture.application;

import io.healthmon.archfixture.persistence.jpa.UtcTimes;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Converts a time for a column itself, instead of handing persistence an instant. */
public class StampingService {
    public OffsetDateTime stamp(Instant now) {
        return UtcTimes.toUtc(now);
    }
}
