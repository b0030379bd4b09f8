package io.healthmon.server.it;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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

    /**
     * A report with disk "/" at {@code diskPercentage}, each mountpoint of {@code inodes} with that inode
     * use in percent, and each interface of {@code network} with its counters {received, sent}, the host
     * up for {@code uptime} seconds.
     */
    static String withInodesAndNetwork(String serverId, Instant timestamp, double cpu, double diskPercentage, long uptime,
                                       Map<String, Double> inodes, Map<String, long[]> network) {
        String disks = inodes.entrySet().stream().map(e -> ("{\"mountpoint\":\"%s\",\"total\":107374182400,\"used\":%d,"
                        + "\"percentage\":%s,\"inodes_total\":1000000,\"inodes_used\":%d,\"inodes_percentage\":%s}").formatted(
                        e.getKey(), (long) (diskPercentage * 1073741824L), diskPercentage, (long) (e.getValue() * 10000), e.getValue()))
                .collect(Collectors.joining(",", "[", "]"));
        String nics = network.entrySet().stream().map(e -> "{\"interface\":\"%s\",\"bytes_recv\":%d,\"bytes_sent\":%d}"
                .formatted(e.getKey(), e.getValue()[0], e.getValue()[1])).collect(Collectors.joining(",", "[", "]"));
        return """
                {"server_id":"%s","timestamp":"%s","cpu_usage":%s,
                 "memory":{"total":8589934592,"used":4294967296,"percentage":50.0},
                 "disk_usage":%s,
                 "network":%s,
                 "load_average":{"1min":1.2,"5min":1.1,"15min":0.9},
                 "uptime":%d,
                 "failed_services":[]}
                """.formatted(serverId, timestamp.truncatedTo(ChronoUnit.MILLIS), cpu, disks, nics, uptime);
    }

    /** A report with each mountpoint of {@code disks} at that use in percent. */
    static String withDisks(String serverId, Instant timestamp, Map<String, Double> disks) {
        String usage = disks.entrySet().stream().map(e -> "{\"mountpoint\":\"%s\",\"total\":107374182400,\"used\":%d,\"percentage\":%s}"
                .formatted(e.getKey(), (long) (e.getValue() * 1073741824L), e.getValue())).collect(Collectors.joining(",", "[", "]"));
        return """
                {"server_id":"%s","timestamp":"%s","cpu_usage":10,
                 "memory":{"total":8589934592,"used":4294967296,"percentage":50.0},
                 "disk_usage":%s,
                 "load_average":{"1min":1.2,"5min":1.1,"15min":0.9},
                 "uptime":86400,
                 "failed_services":[]}
                """.formatted(serverId, timestamp.truncatedTo(ChronoUnit.MILLIS), usage);
    }
}
