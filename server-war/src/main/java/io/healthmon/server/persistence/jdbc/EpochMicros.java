package io.healthmon.server.persistence.jdbc;

import java.time.Instant;

/**
 * Times as PostgreSQL stores them, microseconds since the epoch, for the ingest writers to send as
 * 8-byte integers ({@code timestamptz 'epoch' + ? * interval '1 microsecond'} in SQL, exact below
 * 2^53 microseconds, the year 2255) instead of as text: formatting times as text in the driver and
 * parsing them in PostgreSQL is work on the writers' chain, which every request waits on
 * (docs/decisions/0008).
 */
final class EpochMicros {

    /** A time as a statement takes it: {@code ?} is the microseconds. */
    static final String PARAMETER = timestamptz("?");

    private EpochMicros() {
    }

    /**
     * Finer digits rounded half up, as pgjdbc rounds any time it binds (a query's bounds included), so
     * that what is sent is what is stored and read back.
     */
    static long of(Instant time) {
        Instant rounded = time.plusNanos(500);
        return Math.addExact(Math.multiplyExact(rounded.getEpochSecond(), 1_000_000L), rounded.getNano() / 1_000);
    }

    /** The SQL expression for the {@code timestamptz} that {@code micros} (an SQL expression) stands for. */
    static String timestamptz(String micros) {
        return "timestamptz 'epoch' + " + micros + " * interval '1 microsecond'";
    }

    static Instant toInstant(long micros) {
        return Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1_000L));
    }
}
