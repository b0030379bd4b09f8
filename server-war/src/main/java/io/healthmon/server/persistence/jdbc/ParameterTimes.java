package io.healthmon.server.persistence.jdbc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An instant as a statement's {@code timestamptz} parameter: the driver binds {@code OffsetDateTime},
 * not {@code Instant}. The counterpart of {@link ResultTimes}; callers of this package pass instants.
 */
final class ParameterTimes {

    private ParameterTimes() {
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
