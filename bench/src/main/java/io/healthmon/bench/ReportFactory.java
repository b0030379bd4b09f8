package io.healthmon.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.LoadAverage;
import io.healthmon.report.Memory;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.ReportJson;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Reports as a fleet sends them: the seed's fields and three disks, each server's values wandering
 * from report to report (CPU around its own level with rare spikes, disks filling slowly, a unit
 * failing now and then), so alerts open and resolve about as rarely as on real hosts. With
 * {@code uniform} every value is drawn afresh instead, and most reports change some alert: the
 * alert path's worst case.
 */
final class ReportFactory {

    private static final ObjectMapper JSON = ReportJson.newMapper();
    private static final long GIB = 1024L * 1024 * 1024;
    private static final String[] MOUNTS = {"/", "/var", "/home"};
    private static final long[] SIZES = {100 * GIB, 500 * GIB, 1000 * GIB};

    private final SplittableRandom random;
    private final boolean uniform;
    private final Map<String, Host> hosts = new HashMap<>();

    ReportFactory(long seed, boolean uniform) {
        this.random = new SplittableRandom(seed);
        this.uniform = uniform;
    }

    /** The next report as UTF-8 JSON, written straight to bytes: the form a request carries. */
    byte[] jsonBytes(String serverId, Instant timestamp) {
        MetricsReport report = uniform ? uniform(serverId, timestamp)
                : hosts.computeIfAbsent(serverId, id -> new Host(random)).next(serverId, timestamp, random);
        try {
            return JSON.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private MetricsReport uniform(String serverId, Instant timestamp) {
        double[] disks = new double[MOUNTS.length];
        for (int i = 0; i < disks.length; i++) {
            disks[i] = random.nextDouble(0.1, 0.95);
        }
        boolean failed = random.nextInt(50) == 0;
        return report(serverId, timestamp, random.nextDouble(0, 100), random.nextDouble(0.2, 0.9), disks,
                random.nextDouble(0, 4), failed);
    }

    private static MetricsReport report(String serverId, Instant timestamp, double cpu, double memFraction, double[] disks,
                                        double load, boolean failed) {
        long memTotal = 16 * GIB;
        long memUsed = (long) (memTotal * memFraction);
        List<DiskUsage> diskUsage = new java.util.ArrayList<>();
        for (int i = 0; i < MOUNTS.length; i++) {
            long used = (long) (SIZES[i] * disks[i]);
            diskUsage.add(DiskUsage.of(MOUNTS[i], SIZES[i], used, round(100.0 * used / SIZES[i])));
        }
        List<FailedService> failedServices = failed
                ? List.of(new FailedService("backup.service", "failed", timestamp.minusSeconds(600)))
                : List.of();
        return MetricsReport.of(serverId, timestamp, round(cpu), new Memory(memTotal, memUsed, round(100.0 * memUsed / memTotal)),
                diskUsage, new LoadAverage(round(load), round(load * 0.9), round(load * 0.8)), 86_400L, failedServices);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** One simulated host's state between its reports. */
    private static final class Host {
        private final double cpuLevel;
        private final double memFraction;
        private final double[] disks = new double[MOUNTS.length];
        private boolean failed;

        Host(SplittableRandom random) {
            cpuLevel = random.nextDouble(5, 50);
            memFraction = random.nextDouble(0.2, 0.8);
            for (int i = 0; i < disks.length; i++) {
                disks[i] = random.nextDouble(0.1, 0.7);
            }
        }

        MetricsReport next(String serverId, Instant timestamp, SplittableRandom random) {
            // About one report in 200 is a CPU spike; disks fill by 0.01 % a report and are cleaned at 90 %.
            double cpu = random.nextInt(200) == 0 ? random.nextDouble(91, 100)
                    : Math.max(0, Math.min(100, cpuLevel + random.nextGaussian() * 5));
            for (int i = 0; i < disks.length; i++) {
                disks[i] = disks[i] >= 0.9 ? 0.5 : disks[i] + 0.0001;
            }
            if (random.nextInt(500) == 0) {
                failed = !failed;
            }
            return report(serverId, timestamp, cpu, memFraction, disks, cpu / 25, failed);
        }
    }
}
