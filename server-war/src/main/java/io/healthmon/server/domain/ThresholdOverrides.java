package io.healthmon.server.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An operator's thresholds for one server: CPU, every disk, and single mountpoints; null (or absent)
 * means the global threshold. A mountpoint's own threshold wins over the server's disk threshold.
 */
public record ThresholdOverrides(Double cpu, Double disk, Map<String, Double> mountpoints) {

    public static final ThresholdOverrides NONE = new ThresholdOverrides(null, null, Map.of());

    public ThresholdOverrides {
        mountpoints = mountpoints == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(mountpoints));
    }

    /** The thresholds in force for this server under the global rules. */
    public Thresholds over(AlertRules global) {
        double cpuThreshold = cpu != null ? cpu : global.cpuThreshold();
        double diskThreshold = disk != null ? disk : global.diskThreshold();
        return new Thresholds(cpuThreshold, mountpoint -> mountpoints.getOrDefault(mountpoint, diskThreshold));
    }
}
