package io.healthmon.server.domain;

import java.util.function.Function;

/**
 * The thresholds in force for one server: CPU, disk space by mountpoint and inode use by mountpoint.
 * The global rules, or an operator's overrides of them for this server; health status and alerts use
 * the same ones.
 */
public record Thresholds(double cpu, Function<String, Double> disk, Function<String, Double> inodes) {

    public static Thresholds of(AlertRules rules) {
        return new Thresholds(rules.cpuThreshold(), mountpoint -> rules.diskThreshold(), mountpoint -> rules.inodesThreshold());
    }
}
