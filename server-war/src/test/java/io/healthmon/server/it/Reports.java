package io.healthmon.server.it;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/** Report bodies in the wire format, as an agent would send them. */
final class Reports {

    private Reports() {
    }

    static String report(String serverId, Instant timestamp, double cpu, double diskPercentage) {
        return report(serverId, timestamp, cpu, diskPercentage, List.of());
    }

    /** A report whose failed_services lists {@code failedUnits}. */
    static String report(String serverId, Instant timestamp, double cpu, double diskPercentage, List<String> failedUnits) {
        String failed = failedUnits.stream()
                .map(u -> "{\"name\":\"%s\",\"status\":\"failed\",\"since\":\"%s\"}".formatted(u, timestamp.truncatedTo(ChronoUnit.SECONDS)))
                .collect(Collectors.joining(",", "[", "]"));
        return """
                {"server_id":"%s","timestamp":"%s","cpu_usage":%s,
                 "memory":{"total":8589934592,"used":4294967296,"percentage":50.0},
                 "disk_usage":[{"mountpoint":"/","total":107374182400,"used":53687091200,"percentage":%s}],
                 "load_average":{"1min":1.2,"5min":1.1,"15min":0.9},
                 "uptime":86400,
                 "failed_services":%s}
                """.formatted(serverId, timestamp.truncatedTo(ChronoUnit.MILLIS), cpu, diskPercentage, failed);
    }
}
