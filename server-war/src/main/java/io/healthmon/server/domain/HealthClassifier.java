package io.healthmon.server.domain;

import io.healthmon.report.DiskUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classifies a server (DESIGN.md, "Health status"): Down when not seen for longer than the offline
 * timeout; Warning when seen recently and its latest report breaks a threshold (CPU above the CPU
 * threshold, any disk above the disk threshold, any file system's inode use above the inode
 * threshold, or a failed service); Healthy otherwise; a server
 * never seen is NEVER_SEEN.
 */
public final class HealthClassifier {

    private HealthClassifier() {
    }

    /**
     * @param lastSeen when the server was last heard from, or null if never
     * @param latest   its latest report's headline values, or null if none
     */
    public static Classification classify(Instant lastSeen, ReportSummary latest, AlertRules rules, Instant now) {
        return classify(lastSeen, latest, Thresholds.of(rules), rules.offlineTimeout(), now);
    }

    /** As above, with the server's own thresholds (an operator's overrides of the global ones). */
    public static Classification classify(Instant lastSeen, ReportSummary latest, Thresholds thresholds,
                                          Duration offlineTimeout, Instant now) {
        if (lastSeen == null || latest == null) {
            return new Classification(HealthState.NEVER_SEEN, List.of("no report received yet"));
        }
        Duration silence = Duration.between(lastSeen, now);
        if (silence.compareTo(offlineTimeout) > 0) {
            return new Classification(HealthState.DOWN, List.of("not seen for " + silence.toSeconds()
                    + " s (offline timeout " + offlineTimeout.toSeconds() + " s)"));
        }
        List<String> reasons = breaches(latest, thresholds);
        return reasons.isEmpty()
                ? new Classification(HealthState.HEALTHY, List.of())
                : new Classification(HealthState.WARNING, reasons);
    }

    /** What in the report breaks a threshold, one reason each. */
    public static List<String> breaches(ReportSummary report, Thresholds thresholds) {
        List<String> reasons = new ArrayList<>();
        if (report.cpuUsage() != null && report.cpuUsage() > thresholds.cpu()) {
            reasons.add(String.format(Locale.ROOT, "cpu %.1f%% > %.1f%%", report.cpuUsage(), thresholds.cpu()));
        }
        for (DiskUsage disk : report.disks()) {
            double limit = thresholds.disk().apply(disk.mountpoint());
            if (disk.percentage() > limit) {
                reasons.add(String.format(Locale.ROOT, "disk %s %.1f%% > %.1f%%", disk.mountpoint(), disk.percentage(), limit));
            }
            if (disk.inodesPercentage() != null) {
                double inodeLimit = thresholds.inodes().apply(disk.mountpoint());
                if (disk.inodesPercentage() > inodeLimit) {
                    reasons.add(String.format(Locale.ROOT, "inodes %s %.1f%% > %.1f%%", disk.mountpoint(),
                            disk.inodesPercentage(), inodeLimit));
                }
            }
        }
        if (report.failedServices() != null) {
            report.failedServices().forEach(s -> reasons.add("service " + s.name() + " " + s.status()));
        }
        return reasons;
    }
}
