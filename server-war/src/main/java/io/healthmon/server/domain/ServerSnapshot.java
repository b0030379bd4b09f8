package io.healthmon.server.domain;

import io.healthmon.report.DiskUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One server's newest values as the fleet's metrics expose them: its status, when it last reported, its
 * newest report's figures (null where that report had none, or before its first report) and its open
 * alerts by kind.
 */
public record ServerSnapshot(
        String serverId,
        HealthState state,
        Instant lastSeen,
        String agentVersion,
        Double cpuUsage,
        Long memoryTotal,
        Long memoryUsed,
        Long swapTotal,
        Long swapUsed,
        Double load1,
        Double load5,
        Double load15,
        Long uptimeSeconds,
        List<DiskUsage> disks,
        Integer failedUnits,
        Map<AlertKind, Integer> openAlerts) {

    public int openAlerts(AlertKind kind) {
        return openAlerts.getOrDefault(kind, 0);
    }
}
