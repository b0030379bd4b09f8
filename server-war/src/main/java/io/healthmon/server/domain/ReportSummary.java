package io.healthmon.server.domain;

import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.MetricsReport;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The headline values of one report, those that decide health: CPU, the fullest disk and the failed
 * services. {@code failedServices} is null when the agent could not ask systemd.
 */
public record ReportSummary(
        Instant collectedAt,
        Double cpuUsage,
        Double memoryPercentage,
        Double load1,
        List<DiskUsage> disks,
        List<FailedService> failedServices) {

    public ReportSummary {
        disks = disks == null ? List.of() : List.copyOf(disks);
        failedServices = failedServices == null ? null : List.copyOf(failedServices);
    }

    public static ReportSummary of(MetricsReport report) {
        return new ReportSummary(report.timestamp(), report.cpuUsage(),
                report.memory() == null ? null : report.memory().percentage(),
                report.loadAverage() == null ? null : report.loadAverage().oneMinute(),
                report.diskUsage(), report.failedServices());
    }

    /** The disk with the highest used percentage, if any disk was reported. */
    public DiskUsage fullestDisk() {
        return disks.stream().max(Comparator.comparingDouble(DiskUsage::percentage)).orElse(null);
    }
}
