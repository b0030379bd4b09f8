package io.healthmon.server.domain;

import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.MetricsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The conditions one report shows: CPU, each disk's space and inode use (by mountpoint), each unit that is failed now, and
 * each unit an open alert is about that is no longer failed. Values absent from the report give no
 * condition, so an unknown never resolves an alert (a failed-service check that was unavailable, a
 * disk that was not reported, a file system whose inodes the agent could not count).
 */
public final class Conditions {

    private Conditions() {
    }

    /**
     * @param thresholds the thresholds for this server (and, for disks, mountpoint)
     * @param openServiceUnits units with an open FAILED_SERVICE alert
     */
    public static List<Condition> of(MetricsReport report, Thresholds thresholds, Set<String> openServiceUnits) {
        List<Condition> out = new ArrayList<>();
        if (report.cpuUsage() != null) {
            out.add(new Condition(AlertKind.HIGH_CPU, "", report.cpuUsage(), thresholds.cpu()));
        }
        if (report.diskUsage() != null) {
            for (DiskUsage disk : report.diskUsage()) {
                out.add(new Condition(AlertKind.HIGH_DISK, disk.mountpoint(), disk.percentage(), thresholds.disk().apply(disk.mountpoint())));
                if (disk.inodesPercentage() != null) {
                    out.add(new Condition(AlertKind.INODES_HIGH, disk.mountpoint(), disk.inodesPercentage(),
                            thresholds.inodes().apply(disk.mountpoint())));
                }
            }
        }
        if (report.failedServices() != null) {
            Set<String> failedNow = new java.util.HashSet<>();
            for (FailedService s : report.failedServices()) {
                failedNow.add(s.name());
                out.add(new Condition(AlertKind.FAILED_SERVICE, s.name(), 1, 0));
            }
            for (String unit : openServiceUnits) {
                if (!failedNow.contains(unit)) {
                    out.add(new Condition(AlertKind.FAILED_SERVICE, unit, 0, 0));
                }
            }
        }
        return out;
    }
}
