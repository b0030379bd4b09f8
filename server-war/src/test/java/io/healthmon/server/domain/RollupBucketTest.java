package io.healthmon.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The rollups' arithmetic: merging stored buckets, and the windows the rollup job rolls up. */
class RollupBucketTest {

    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");
    private static final long[] WIDTHS = {300, 600, 900, 1800, 3600, 7200, 86400};

    /** A report some seconds after T with a CPU use in quarters of a percent (exact sums), or none. */
    private record Report(long second, Double cpu) {
    }

    private static Gen<Report> reports() {
        return longs().between(0, 2 * 86_400).zip(integers().between(-1, 400),
                (s, q) -> new Report(s, q < 0 ? null : q * 0.25));
    }

    /** The 5-minute buckets of the reports, as the changelog's rollup function stores them. */
    private static List<RollupBucket> fiveMinuteBuckets(List<Report> reports) {
        Map<Long, List<Report>> byBucket = new TreeMap<>();
        reports.forEach(r -> byBucket.computeIfAbsent(r.second / 300 * 300, k -> new ArrayList<>()).add(r));
        List<RollupBucket> out = new ArrayList<>();
        byBucket.forEach((start, in) -> out.add(new RollupBucket(T.plusSeconds(start), in.size(),
                Map.of("cpu_usage", totals(in)), null, Map.of(), Map.of())));
        return out;
    }

    private static RollupBucket.Totals totals(List<Report> in) {
        RollupBucket.Totals t = RollupBucket.Totals.NONE;
        for (Report r : in) {
            if (r.cpu != null) {
                t = t.merge(new RollupBucket.Totals(1, r.cpu, r.cpu, r.cpu));
            }
        }
        return t;
    }

    @Test
    void bucketsMergedToAnyWidthGiveTheAverageMinimumAndMaximumOfTheReportsTheyCover() {
        qt().withExamples(300).forAll(lists().of(reports()).ofSizeBetween(1, 200), integers().between(0, WIDTHS.length - 1))
                .checkAssert((reports, w) -> {
                    long width = WIDTHS[w];
                    List<MetricsHistory.Point> points = RollupBucket.points(fiveMinuteBuckets(reports), width);
                    Map<Long, List<Report>> expected = new TreeMap<>();
                    reports.forEach(r -> expected.computeIfAbsent(r.second / width * width, k -> new ArrayList<>()).add(r));
                    assertEquals(expected.size(), points.size());
                    int i = 0;
                    for (Map.Entry<Long, List<Report>> e : expected.entrySet()) {
                        MetricsHistory.Point p = points.get(i++);
                        List<Double> cpus = e.getValue().stream().map(Report::cpu).filter(c -> c != null).toList();
                        assertEquals(T.plusSeconds(e.getKey()), p.timestamp());
                        assertEquals(e.getValue().size(), p.samples());
                        if (cpus.isEmpty()) {
                            assertNull(p.cpuUsage());
                            assertNull(p.cpuMax());
                        } else {
                            double sum = cpus.stream().mapToDouble(Double::doubleValue).sum();
                            assertEquals(sum / cpus.size(), p.cpuUsage(), "weighted by each bucket's count");
                            assertEquals(cpus.stream().mapToDouble(Double::doubleValue).max().getAsDouble(), p.max().get("cpu_usage"));
                            assertEquals(cpus.stream().mapToDouble(Double::doubleValue).min().getAsDouble(), p.min().get("cpu_usage"));
                        }
                    }
                });
    }

    @Test
    void disksAndInterfacesMergeByTheirTotalsNotByAveragingAverages() {
        RollupBucket a = new RollupBucket(T, 1, Map.of(), 10L, Map.of("/", new RollupBucket.DiskTotals(1, 10.0, 1, 1.0)),
                Map.of("eth0", new RollupBucket.TrafficTotals(6000.0, 60.0, null, null)));
        RollupBucket b = new RollupBucket(T.plusSeconds(300), 3, Map.of(), 20L,
                Map.of("/", new RollupBucket.DiskTotals(3, 90.0, 0, null)),
                Map.of("eth0", new RollupBucket.TrafficTotals(0.0, 240.0, 300.0, 300.0)));
        MetricsHistory.Point p = RollupBucket.points(List.of(a, b), 600).get(0);
        assertEquals(25.0, p.disks().get("/"), "(10 + 90) / 4 reports, not (10 + 30) / 2");
        assertEquals(1.0, p.inodes().get("/"));
        assertEquals(20.0, p.network().get("eth0").receivedPerSecond(), "6000 bytes over 300 s");
        assertEquals(1.0, p.network().get("eth0").sentPerSecond());
        assertEquals(20L, p.uptime());
        assertEquals(4, p.samples());
    }

    @Test
    void eachRunRollsTheCompletedBucketsSinceTheLastAndTheLatenessWindowAgain() {
        Duration lateness = Duration.ofMinutes(15);
        Duration backfill = Duration.ofDays(30);
        qt().withExamples(500).forAll(longs().between(0, 40L * 86_400), longs().between(0, 3L * 86_400))
                .checkAssert((last, elapsed) -> {
                    Instant rolledUntil = RollupWindow.floor(T.plusSeconds(last));
                    Instant now = rolledUntil.plusSeconds(elapsed);
                    Optional<RollupWindow> w = RollupWindow.next(Optional.of(rolledUntil), now, lateness, backfill);
                    assertTrue(w.isPresent(), "the lateness window is rolled again even when no bucket completed");
                    assertEquals(rolledUntil.minus(lateness), w.get().firstBucket());
                    Instant completed = RollupWindow.floor(now);
                    Instant expectedEnd = completed.isAfter(rolledUntil.plus(RollupWindow.MAX_SPAN))
                            ? rolledUntil.plus(RollupWindow.MAX_SPAN) : completed;
                    assertEquals(expectedEnd, w.get().endBucket(), "every completed bucket, at most a span at once");
                    assertEquals(0, w.get().endBucket().getEpochSecond() % 300);
                });
    }

    @Test
    void theFirstRunStartsAtTheReportsRetentionAndNothingIsRolledBeforeABucketEnds() {
        Instant now = T.plusSeconds(3600 + 42);
        RollupWindow first = RollupWindow.next(Optional.empty(), now, Duration.ZERO, Duration.ofDays(30)).orElseThrow();
        assertEquals(RollupWindow.floor(now.minus(Duration.ofDays(30))), first.firstBucket());
        assertEquals(first.firstBucket().plus(RollupWindow.MAX_SPAN), first.endBucket());
        assertTrue(RollupWindow.next(Optional.of(T.plusSeconds(3600)), now, Duration.ZERO, Duration.ofDays(30)).isEmpty(),
                "without lateness, a bucket not yet ended is left for the next run");
    }
}
