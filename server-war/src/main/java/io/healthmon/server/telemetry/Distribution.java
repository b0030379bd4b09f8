package io.healthmon.server.telemetry;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram: a count per upper bound, cumulative when read, with the sum and count of every
 * observation since start. Adding takes a short search and two adders, so the push path can afford it.
 */
public final class Distribution {

    private final String name;
    private final String help;
    private final double[] upperBounds;
    private final LongAdder[] counts;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    public Distribution(String name, String help, double... upperBounds) {
        if (upperBounds.length == 0) {
            throw new IllegalArgumentException(name + ": a histogram needs at least one upper bound");
        }
        for (int i = 1; i < upperBounds.length; i++) {
            if (!(upperBounds[i] > upperBounds[i - 1])) {
                throw new IllegalArgumentException(name + ": upper bounds must rise");
            }
        }
        this.name = name;
        this.help = help;
        this.upperBounds = upperBounds.clone();
        this.counts = new LongAdder[upperBounds.length];
        Arrays.setAll(counts, i -> new LongAdder());
    }

    public void observe(double value) {
        int bucket = Arrays.binarySearch(upperBounds, value);
        if (bucket < 0) {
            bucket = -bucket - 1; // the first bound above the value
        }
        if (bucket < counts.length) {
            counts[bucket].increment();
        }
        count.increment();
        sum.add(value);
    }

    public String name() {
        return name;
    }

    public String help() {
        return help;
    }

    /** The counts at this moment, cumulative per bound, and the total (the {@code +Inf} bucket). */
    public Snapshot snapshot() {
        // The total is read first: observations added meanwhile can then only make a bound's count
        // higher, never leave +Inf below a finite bound.
        long total = count.sum();
        double totalSum = sum.sum();
        long[] cumulative = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i].sum();
            cumulative[i] = running;
        }
        long inf = Math.max(total, running);
        return new Snapshot(upperBounds.clone(), cumulative, inf, totalSum);
    }

    /** Cumulative counts per upper bound, the count of all observations, and their sum. */
    public record Snapshot(double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
    }
}
