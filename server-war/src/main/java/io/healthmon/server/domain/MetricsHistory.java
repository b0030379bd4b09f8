package io.healthmon.server.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A server's history over a time range: raw reports ({@code bucketSeconds} 0), or averages over
 * buckets of that width when the range holds too many reports for one answer, taken from the
 * {@code level} named (the reports, or their 5-minute or hourly rollups).
 */
public record MetricsHistory(String serverId, Instant from, Instant to, HistoryLevel level, long bucketSeconds,
                             List<Point> points) {

    /**
     * One report, or one bucket's averages: {@code cpuMax} is the bucket's highest CPU, {@code samples}
     * how many reports it averages; {@code disks} maps each mountpoint to its used percentage,
     * {@code inodes} to its inode use in percent (where the agent counted inodes); {@code network} maps
     * each interface to its throughput over the interval ending at this report (over the bucket's valid
     * intervals), absent where there is none ({@link NetworkRates}). In a bucket, {@code min} and
     * {@code max} give each metric's lowest and highest value by its API name (null for a report).
     */
    public record Point(
            Instant timestamp,
            Double cpuUsage,
            Double cpuMax,
            Double memoryPercentage,
            Double swapPercentage,
            Double load1,
            Double load5,
            Double load15,
            Long uptime,
            Map<String, Double> disks,
            Integer failedServices,
            int samples,
            Map<String, Double> inodes,
            Map<String, NetworkRates.Rate> network,
            Map<String, Double> min,
            Map<String, Double> max) {
    }
}
