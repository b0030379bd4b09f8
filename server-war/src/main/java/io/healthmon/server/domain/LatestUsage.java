package io.healthmon.server.domain;

import java.util.Map;

/**
 * What a server's newest report says beyond its health row's headline values: each mountpoint's
 * inode use in percent, and each interface's throughput since the report before it ({@link NetworkRates}).
 */
public record LatestUsage(Map<String, Double> inodes, Map<String, NetworkRates.Rate> network) {

    public static final LatestUsage NONE = new LatestUsage(Map.of(), Map.of());

    public LatestUsage {
        inodes = Map.copyOf(inodes);
        network = Map.copyOf(network);
    }
}
