package io.healthmon.server.domain;

import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import java.time.Instant;
import java.util.List;

/**
 * A server as its health row holds it: its status with the reasons, when it was last classified and
 * last seen, and the newest report's headline values ({@code latest} is null until its first report).
 * Judging a report makes a new value ({@link #heardFrom}, {@link #withLatest}, {@link #classified}),
 * which the health store writes back.
 */
public record ServerHealth(
        long serverRef,
        String serverId,
        HealthState state,
        String reasons,
        Instant since,
        Instant evaluatedAt,
        Instant lastSeen,
        Instant registeredAt,
        String agentVersion,
        Latest latest) {

    /** The newest report's headline values; {@code failedServices} is null when systemd could not be asked. */
    public record Latest(
            Instant collectedAt,
            Double cpuUsage,
            Double memoryPercentage,
            Double load1,
            String fullestDisk,
            Double fullestDiskPercentage,
            List<FailedService> failedServices) {

        /** The values of a report's summary, its fullest disk standing for its disks. */
        public static Latest of(ReportSummary summary) {
            DiskUsage fullest = summary.fullestDisk();
            return new Latest(summary.collectedAt(), summary.cpuUsage(), summary.memoryPercentage(), summary.load1(),
                    fullest == null ? null : fullest.mountpoint(), fullest == null ? null : fullest.percentage(),
                    summary.failedServices());
        }

        /** The values as the classifier reads them: the fullest disk is the only disk it knows of. */
        public ReportSummary summary() {
            List<DiskUsage> disks = fullestDisk == null ? List.of()
                    : List.of(DiskUsage.of(fullestDisk, 0, 0, fullestDiskPercentage));
            return new ReportSummary(collectedAt, cpuUsage, memoryPercentage, load1, disks, failedServices);
        }
    }

    /** When the newest report judged was collected, or null if none was. */
    public Instant latestCollectedAt() {
        return latest == null ? null : latest.collectedAt();
    }

    /** Heard from at {@code at}, unless it already was later. */
    public ServerHealth heardFrom(Instant at) {
        if (lastSeen != null && !lastSeen.isBefore(at)) {
            return this;
        }
        return new ServerHealth(serverRef, serverId, state, reasons, since, evaluatedAt, at, registeredAt, agentVersion,
                latest);
    }

    /** With the newest report's values, and its agent version when it said one. */
    public ServerHealth withLatest(Latest newest, String reportedAgentVersion) {
        return new ServerHealth(serverRef, serverId, state, reasons, since, evaluatedAt, lastSeen, registeredAt,
                reportedAgentVersion != null ? reportedAgentVersion : agentVersion, newest);
    }

    /** Classified at {@code now}; {@code since} stays when the state does. */
    public ServerHealth classified(HealthState newState, String newReasons, Instant now) {
        return new ServerHealth(serverRef, serverId, newState, newReasons, newState != state ? now : since, now, lastSeen,
                registeredAt, agentVersion, latest);
    }
}
