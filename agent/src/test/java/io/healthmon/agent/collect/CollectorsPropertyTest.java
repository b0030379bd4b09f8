package io.healthmon.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.healthmon.agent.config.AgentConfig;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.MetricsReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class CollectorsPropertyTest {

    private static final List<String> TYPES = List.of("ext4", "xfs", "btrfs", "tmpfs", "proc", "overlay", "squashfs", "vfat");

    static Gen<long[]> ticks() {
        return lists().of(longs().between(0, 1L << 40)).ofSize(8).map(l -> l.stream().mapToLong(Long::longValue).toArray());
    }

    static Gen<SystemSource.FileSystemReading> fileSystem() {
        return integers().between(0, 9999).zip(Generate.pick(TYPES), longs().between(0, 1L << 44),
                        doubles().between(0, 1), doubles().between(0, 1),
                        (n, type, total, freeShare, usableShare) -> new long[] {n, TYPES.indexOf(type), total,
                                (long) (total * freeShare), (long) (total * freeShare * usableShare)})
                .zip(longs().between(0, 1L << 32), doubles().between(0, 1), (a, inodes, freeInodes) ->
                        new SystemSource.FileSystemReading("/m" + a[0], TYPES.get((int) a[1]), a[2], a[3], a[4],
                                inodes, (long) (inodes * freeInodes)));
    }

    static Gen<FakeSystem> systems() {
        Gen<SystemSource.MemoryReading> memory = longs().between(0, 1L << 42).zip(doubles().between(0, 1.2),
                (total, share) -> new SystemSource.MemoryReading(total, (long) (total * share)));
        Gen<SystemSource.SwapReading> swap = longs().between(0, 1L << 40).zip(doubles().between(0, 1),
                (total, share) -> new SystemSource.SwapReading(total, (long) (total * share)));
        Gen<double[]> load = doubles().between(0, 256).zip(doubles().between(0, 256), doubles().between(0, 256),
                (a, b, c) -> new double[] {a, b, c});
        Gen<SystemSource.InterfaceReading> nic = integers().between(0, 20).zip(longs().between(0, Long.MAX_VALUE / 2),
                longs().between(0, Long.MAX_VALUE / 2), (n, rx, tx) -> new SystemSource.InterfaceReading("eth" + n, rx, tx, n == 0));
        return ticks().zip(ticks(), memory, swap, (before, delta, m, s) -> {
                    long[] after = new long[8];
                    for (int i = 0; i < 8; i++) {
                        after[i] = before[i] + (delta[i] % 100_000);
                    }
                    return new Object[] {before, after, m, s};
                })
                .zip(lists().of(fileSystem()).ofSizeBetween(0, 12), load, longs().between(0, 1L << 32),
                        lists().of(nic).ofSizeBetween(0, 4),
                        (p, fs, l, uptime, nics) -> new FakeSystem((long[]) p[0], (long[]) p[1],
                                (SystemSource.MemoryReading) p[2], (SystemSource.SwapReading) p[3], fs, l, uptime, nics));
    }

    private static MetricsReport collect(FakeSystem system) throws InterruptedException {
        FakeSystem.reset();
        List<Collector> collectors = List.of(new CpuCollector(system, millis -> { }, 1000), new MemoryCollector(system),
                new DiskCollector(system, AgentConfig.DEFAULT_EXCLUDED_FS_TYPES, List.of()), new LoadCollector(system),
                new UptimeCollector(system), new NetworkCollector(system));
        return new CollectorRunner(collectors, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), "host", "t")
                .collect();
    }

    @Test
    @DisplayName("Property 1: for any machine state, a report has every metric, each in range")
    void property1_collectedMetricsAreCompleteAndInRange() {
        qt().withExamples(300).forAll(systems()).check(system -> {
            try {
                MetricsReport r = collect(system);
                boolean cpu = r.cpuUsage() != null && r.cpuUsage() >= 0 && r.cpuUsage() <= 100;
                boolean memory = r.memory() != null && r.memory().used() <= r.memory().total()
                        && r.memory().percentage() >= 0 && r.memory().percentage() <= 100;
                boolean disks = r.diskUsage() != null && r.diskUsage().stream().allMatch(d -> d.mountpoint().startsWith("/")
                        && d.used() >= 0 && d.used() <= d.total() && d.percentage() >= 0 && d.percentage() <= 100
                        && !AgentConfig.DEFAULT_EXCLUDED_FS_TYPES.contains(d.filesystem()));
                boolean load = r.loadAverage() != null && r.loadAverage().oneMinute() >= 0
                        && r.loadAverage().fiveMinutes() >= 0 && r.loadAverage().fifteenMinutes() >= 0;
                boolean uptime = r.uptime() != null && r.uptime() >= 0;
                return cpu && memory && disks && load && uptime && r.collectionErrors() == null;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void cpuIsTheBusyShareOfTicksBetweenTwoSamples() {
        long[] before = {100, 0, 100, 700, 100, 0, 0, 0};
        long[] after = {200, 0, 200, 900, 100, 0, 0, 0};
        assertEquals(50.0, CpuCollector.busyPercent(before, after));
        assertEquals(0.0, CpuCollector.busyPercent(after, after), "no tick passed");
    }

    @Test
    void diskUseIsComputedAsDfDoesAndPseudoFileSystemsAreSkipped() {
        var root = new SystemSource.FileSystemReading("/", "ext4", 1000, 300, 250, 100, 60);
        var proc = new SystemSource.FileSystemReading("/proc", "proc", 0, 0, 0, 0, 0);
        var tmp = new SystemSource.FileSystemReading("/run", "tmpfs", 500, 500, 500, 10, 10);
        var bind = new SystemSource.FileSystemReading("/", "ext4", 1000, 300, 250, 100, 60);
        List<DiskUsage> disks = new DiskCollector(null, AgentConfig.DEFAULT_EXCLUDED_FS_TYPES, List.of())
                .select(List.of(root, proc, tmp, bind));
        assertEquals(1, disks.size());
        DiskUsage d = disks.get(0);
        assertEquals(700, d.used());
        assertEquals(73.7, d.percentage(), "used / (used + available), as df shows it");
        assertEquals(40L, d.inodesUsed());
    }

    @Test
    void aFailingCollectorIsRecordedAndTheRestOfTheReportGoesOut() throws Exception {
        Collector broken = new Collector() {
            @Override
            public String name() {
                return "load";
            }

            @Override
            public void collect(ReportBuilder report) {
                throw new IllegalStateException("no /proc/loadavg");
            }
        };
        Collector uptime = new Collector() {
            @Override
            public String name() {
                return "uptime";
            }

            @Override
            public void collect(ReportBuilder report) {
                report.uptime(42);
            }
        };
        MetricsReport r = new CollectorRunner(new ArrayList<>(List.of(broken, uptime)), Clock.systemUTC(), "h", "t").collect();
        assertNull(r.loadAverage());
        assertEquals(42L, r.uptime());
        assertEquals("load", r.collectionErrors().get(0).collector());
        assertTrue(r.collectionErrors().get(0).message().contains("loadavg"));
    }
}
