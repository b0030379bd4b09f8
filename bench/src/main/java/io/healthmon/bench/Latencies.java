package io.healthmon.bench;

import java.util.Arrays;

/** Latencies in microseconds, recorded by one worker without locking, merged at the end. */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int count;

    void record(long micros) {
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = micros;
    }

    int count() {
        return count;
    }

    static Summary summarize(Iterable<Latencies> parts) {
        int total = 0;
        for (Latencies p : parts) {
            total += p.count;
        }
        long[] all = new long[total];
        int at = 0;
        for (Latencies p : parts) {
            System.arraycopy(p.values, 0, all, at, p.count);
            at += p.count;
        }
        Arrays.sort(all);
        return new Summary(total, percentile(all, 50), percentile(all, 99), total == 0 ? 0 : all[total - 1]);
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    record Summary(int count, long p50Micros, long p99Micros, long maxMicros) {
    }
}
