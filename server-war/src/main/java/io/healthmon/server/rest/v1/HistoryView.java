package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.domain.MetricsHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A server's history as the API shows it; {@code bucket_seconds} is 0 for raw reports, else the width
 * each point averages; {@code level} says what the points were read from: {@code raw} (the reports),
 * {@code 5m} or {@code 1h} (their rollups).
 */
public record HistoryView(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("from") Instant from,
        @JsonProperty("to") Instant to,
        @JsonProperty("level") String level,
        @JsonProperty("bucket_seconds") long bucketSeconds,
        @JsonProperty("points") List<PointView> points) {

    static HistoryView of(MetricsHistory h) {
        return new HistoryView(h.serverId(), h.from(), h.to(), h.level().label(), h.bucketSeconds(),
                h.points().stream().map(PointView::of).toList());
    }

    /**
     * One report, or one bucket's averages ({@code cpu_usage_max} its highest CPU, {@code samples} its
     * reports); {@code inodes} is each mountpoint's inode use in percent, {@code network} each
     * interface's throughput over the interval ending here (over the bucket's intervals), absent
     * where its counters give none (the first report, a counter reset, a reboot, a long silence);
     * {@code min} and {@code max}, in a bucket only, each metric's lowest and highest value by name.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PointView(
            @JsonProperty("timestamp") Instant timestamp,
            @JsonProperty("cpu_usage") Double cpuUsage,
            @JsonProperty("cpu_usage_max") Double cpuMax,
            @JsonProperty("memory_percentage") Double memoryPercentage,
            @JsonProperty("swap_percentage") Double swapPercentage,
            @JsonProperty("load_1") Double load1,
            @JsonProperty("load_5") Double load5,
            @JsonProperty("load_15") Double load15,
            @JsonProperty("uptime") Long uptime,
            @JsonProperty("disks") Map<String, Double> disks,
            @JsonProperty("failed_services") Integer failedServices,
            @JsonProperty("samples") int samples,
            @JsonProperty("inodes") Map<String, Double> inodes,
            @JsonProperty("network") Map<String, RateView> network,
            @JsonProperty("min") Map<String, Double> min,
            @JsonProperty("max") Map<String, Double> max) {

        static PointView of(MetricsHistory.Point p) {
            return new PointView(p.timestamp(), p.cpuUsage(), p.cpuMax(), p.memoryPercentage(), p.swapPercentage(), p.load1(),
                    p.load5(), p.load15(), p.uptime(), p.disks(), p.failedServices(), p.samples(), p.inodes(),
                    RateView.of(p.network()), p.min(), p.max());
        }
    }
}
