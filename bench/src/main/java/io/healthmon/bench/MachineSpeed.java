package io.healthmon.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A gauge of how fast this machine runs plain Java at the moment: one thread sorting a fixed array of
 * a million random ints again and again for about a second, in millions of ints sorted per second.
 * On a shared machine the same build's throughput moves with the neighbours' load (docs/decisions/0014),
 * so each run prints this, taken before the load starts and after
 * it ends, to tell a slow machine from a slow build.
 */
final class MachineSpeed {

    private static final int INTS = 1 << 20;
    private static final long MEASURE_NANOS = 1_000_000_000L;

    private final int[] unsorted;

    MachineSpeed() {
        unsorted = new SplittableRandom(42).ints(INTS).toArray();
        sortFor(MEASURE_NANOS / 4); // compiled before it is measured
    }

    /** Millions of ints sorted per second, over about a second. */
    double measure() {
        return sortFor(MEASURE_NANOS);
    }

    private double sortFor(long nanos) {
        int[] work = new int[INTS];
        long sorted = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            System.arraycopy(unsorted, 0, work, 0, INTS);
            Arrays.sort(work);
            sorted += INTS;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        if (work[0] > work[INTS - 1]) {
            throw new IllegalStateException("the array did not sort");
        }
        return sorted / (elapsed / 1e9) / 1e6;
    }

    static String describe(double before, double after) {
        return String.format(Locale.ROOT, "machine speed      %.1f M ints sorted/s before the load, %.1f after (one thread)",
                before, after);
    }
}
