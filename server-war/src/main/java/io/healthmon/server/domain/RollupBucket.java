package io.healthmon.server.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * One stored rollup bucket of a server: for each metric of {@link #METRICS} how many reports had it,
 * their sum, minimum and maximum; each disk's and interface's totals. Totals, never averages, so that
 * buckets merge exactly into wider ones: an average is taken only when a point is shown, as the sum
 * over the count of every report the point covers.
 */
public record RollupBucket(
        Instant bucket,
        long samples,
        Map<String, Totals> metrics,
        Long uptimeMax,
        Map<String, DiskTotals> disks,
        Map<String, TrafficTotals> network) {

    /** The metrics rolled up, by their names in the API and the rollup tables' column prefixes. */
    public static final List<String> METRICS = List.of("cpu_usage", "memory_percentage", "swap_percentage", "load_1",
            "load_5", "load_15");

    /** A metric over some reports: how many had it, and their sum, minimum and maximum (null when none). */
    public record Totals(long n, Double sum, Double min, Double max) {

        public static final Totals NONE = new Totals(0, null, null, null);

        public Totals merge(Totals o) {
            return new Totals(n + o.n, add(sum, o.sum), pick(min, o.min, Math::min), pick(max, o.max, Math::max));
        }

        public Double average() {
            return n == 0 || sum == null ? null : sum / n;
        }
    }

    /** A disk's used and inode percentages over some reports. */
    public record DiskTotals(long n, Double sum, long inodesN, Double inodesSum) {

        DiskTotals merge(DiskTotals o) {
            return new DiskTotals(n + o.n, add(sum, o.sum), inodesN + o.inodesN, add(inodesSum, o.inodesSum));
        }
    }

    /** An interface's bytes and seconds over its valid intervals, each way ({@link NetworkRates}). */
    public record TrafficTotals(Double receivedBytes, Double receivedSeconds, Double sentBytes, Double sentSeconds) {

        TrafficTotals merge(TrafficTotals o) {
            return new TrafficTotals(add(receivedBytes, o.receivedBytes), add(receivedSeconds, o.receivedSeconds),
                    add(sentBytes, o.sentBytes), add(sentSeconds, o.sentSeconds));
        }
    }

    /** This bucket and another of the same server, as one bucket starting at {@code at}. */
    public RollupBucket merge(Instant at, RollupBucket o) {
        Map<String, Totals> m = new LinkedHashMap<>();
        for (String name : METRICS) {
            m.put(name, metric(name).merge(o.metric(name)));
        }
        return new RollupBucket(at, samples + o.samples, m, pick(uptimeMax, o.uptimeMax, Math::max),
                mergeMaps(disks, o.disks, DiskTotals::merge), mergeMaps(network, o.network, TrafficTotals::merge));
    }

    public Totals metric(String name) {
        return metrics.getOrDefault(name, Totals.NONE);
    }

    /**
     * Rollup buckets, in time order, merged into buckets of {@code widthSeconds} (a multiple of their
     * own width) starting on multiples of it from the epoch, then shown as points.
     */
    public static List<MetricsHistory.Point> points(List<RollupBucket> ordered, long widthSeconds) {
        List<RollupBucket> merged = new ArrayList<>();
        for (RollupBucket b : ordered) {
            Instant start = Instant.ofEpochSecond(Math.floorDiv(b.bucket.getEpochSecond(), widthSeconds) * widthSeconds);
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).bucket.equals(start)) {
                merged.set(last, merged.get(last).merge(start, b));
            } else {
                merged.add(new RollupBucket(start, 0, Map.of(), null, Map.of(), Map.of()).merge(start, b));
            }
        }
        return merged.stream().map(RollupBucket::point).toList();
    }

    /** The bucket as the history shows it: averages, each metric's minimum and maximum, rates. */
    public MetricsHistory.Point point() {
        Map<String, Double> min = new LinkedHashMap<>();
        Map<String, Double> max = new LinkedHashMap<>();
        for (String name : METRICS) {
            if (metric(name).min() != null) {
                min.put(name, metric(name).min());
                max.put(name, metric(name).max());
            }
        }
        Map<String, Double> used = new LinkedHashMap<>();
        Map<String, Double> inodes = new LinkedHashMap<>();
        disks.forEach((mount, d) -> {
            if (d.n > 0 && d.sum != null) {
                used.put(mount, d.sum / d.n);
            }
            if (d.inodesN > 0 && d.inodesSum != null) {
                inodes.put(mount, d.inodesSum / d.inodesN);
            }
        });
        Map<String, NetworkRates.Rate> rates = new TreeMap<>();
        network.forEach((name, t) -> {
            NetworkRates.Rate rate = new NetworkRates.Rate(NetworkRates.average(t.receivedBytes, t.receivedSeconds),
                    NetworkRates.average(t.sentBytes, t.sentSeconds));
            if (!rate.isEmpty()) {
                rates.put(name, rate);
            }
        });
        return new MetricsHistory.Point(bucket, metric("cpu_usage").average(), metric("cpu_usage").max(),
                metric("memory_percentage").average(), metric("swap_percentage").average(), metric("load_1").average(),
                metric("load_5").average(), metric("load_15").average(), uptimeMax, used, null, (int) samples, inodes,
                rates, min, max);
    }

    private static <V> Map<String, V> mergeMaps(Map<String, V> a, Map<String, V> b, BinaryOperator<V> merge) {
        if (b.isEmpty()) {
            return a;
        }
        Map<String, V> out = new TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, merge));
        return out;
    }

    private static Double add(Double a, Double b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a + b;
    }

    private static <T> T pick(T a, T b, BinaryOperator<T> choose) {
        return a == null ? b : b == null ? a : choose.apply(a, b);
    }
}
