package io.healthmon.bench;

/**
 * What one connection's requests came to: latencies and non-2xx answers of those inside the measured
 * window, 2xx answers and failures over the whole run. One connection records here without locking;
 * the blocking and the non-blocking drivers count by the same rules, so their figures compare.
 */
final class RequestOutcomes {

    /** The status recorded for a request that got no answer (I/O error, timeout, malformed answer). */
    static final int NO_ANSWER = -1;

    final Latencies latencies = new Latencies();
    int measuredNon2xx;
    long okTotal;
    long errorsTotal;

    private final long measureFrom;
    private final long end;

    /** {@code measureFrom} and {@code end} are {@link System#nanoTime()} instants. */
    RequestOutcomes(long measureFrom, long end) {
        this.measureFrom = measureFrom;
        this.end = end;
    }

    /**
     * Counts one request sent and answered at the nanoTime instants given. Only a request sent inside
     * the measured window and answered before its end counts in the measured figures, so that the
     * window holds whole requests only.
     */
    void record(long sent, long answered, int status) {
        boolean success = status >= 200 && status < 300;
        if (success) {
            okTotal++;
        } else {
            errorsTotal++;
        }
        if (sent >= measureFrom && answered <= end) {
            latencies.record((answered - sent) / 1000);
            if (!success) {
                measuredNon2xx++;
            }
        }
    }
}
