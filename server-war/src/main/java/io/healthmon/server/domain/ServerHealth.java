package io.healthmon.server.domain;

import io.healthmon.report.FailedService;
import java.time.Instant;
import java.util.List;

/**
 * A server as its health row holds it: its status with the reasons, when last seen, and the newest
 * report's headline values ({@code latest} is null until its first report).
 */
public record ServerHealth(
        long serverRef,
        String serverId,
        HealthState state,
        String reasons,
        Instant since,
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
    }
}
