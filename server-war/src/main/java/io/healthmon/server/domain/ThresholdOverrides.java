package io.healthmon.server.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An operator's thresholds for one server: CPU, every disk's space and single mountpoints' space,
 * every disk's inode use and single mountpoints' inode use; null (or absent) means the global
 * threshold. A mountpoint's own threshold wins over the server's threshold for every disk.
 */
public record ThresholdOverrides(Double cpu, Double disk, Map<String, Double> mountpoints,
                                 Double inodes, Map<String, Double> inodeMountpoints) {

    public static final ThresholdOverrides NONE = new ThresholdOverrides(null, null, Map.of(), null, Map.of());

    public ThresholdOverrides {
        mountpoints = mountpoints == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(mountpoints));
        inodeMountpoints = inodeMountpoints == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(inodeMountpoints));
    }

    /** The thresholds in force for this server under the global rules. */
    public Thresholds over(AlertRules global) {
        double cpuThreshold = cpu != null ? cpu : global.cpuThreshold();
        double diskThreshold = disk != null ? disk : global.diskThreshold();
        double inodesThreshold = inodes != null ? inodes : global.inodesThreshold();
        return new Thresholds(cpuThreshold, mountpoint -> mountpoints.getOrDefault(mountpoint, diskThreshold),
                mountpoint -> inodeMountpoints.getOrDefault(mountpoint, inodesThreshold));
    }
}
