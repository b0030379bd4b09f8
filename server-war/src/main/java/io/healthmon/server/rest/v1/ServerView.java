package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.domain.LatestUsage;
import io.healthmon.server.domain.ServerHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A server as operators see it: status with reasons, when last seen, and its latest values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerView(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("status") String status,
        @JsonProperty("status_reasons") String statusReasons,
        @JsonProperty("status_since") Instant statusSince,
        @JsonProperty("last_seen") Instant lastSeen,
        @JsonProperty("registered_at") Instant registeredAt,
        @JsonProperty("agent_version") String agentVersion,
        @JsonProperty("latest") Latest latest,
        @JsonProperty("silenced") Boolean silenced,
        @JsonProperty("silences") List<SilenceView> silences) {

    /**
     * The same server with the silences active for it now: {@code silenced} whenever any is, and the
     * silences themselves when {@code listThem} (one server's detail, not the fleet's list).
     */
    public ServerView withSilences(List<SilenceView> active, boolean listThem) {
        return new ServerView(serverId, status, statusReasons, statusSince, lastSeen, registeredAt, agentVersion, latest,
                !active.isEmpty(), listThem ? active : null);
    }

    /**
     * The newest report's headline values; {@code failed_services} is absent when systemd could not be
     * asked. Only one server's answer carries {@code inodes} (each mountpoint's inode use in percent)
     * and {@code network} (each interface's throughput since the report before), and {@code disk_full_at}
     * (for each mountpoint reported within the forecast window, when it is forecast to be full, or null
     * when it is not filling or the window holds too few reports), not the fleet's list.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Latest(
            @JsonProperty("timestamp") Instant timestamp,
            @JsonProperty("cpu_usage") Double cpuUsage,
            @JsonProperty("memory_percentage") Double memoryPercentage,
            @JsonProperty("load_1") Double load1,
            @JsonProperty("fullest_disk") String fullestDisk,
            @JsonProperty("fullest_disk_percentage") Double fullestDiskPercentage,
            @JsonProperty("failed_services") List<FailedServiceView> failedServices,
            @JsonProperty("inodes") Map<String, Double> inodes,
            @JsonProperty("network") Map<String, RateView> network,
            @JsonProperty("disk_full_at") @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
            Map<String, Instant> diskFullAt) {
    }

    /** A failed unit as the read API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailedServiceView(
            @JsonProperty("name") String name,
            @JsonProperty("status") String status,
            @JsonProperty("since") Instant since) {
    }

    public static ServerView of(ServerHealth h) {
        return of(h, null, null);
    }

    /**
     * One server's view, with its newest report's inode use and throughput when {@code usage} is given,
     * and its disks' forecasts when {@code diskFullAt} is.
     */
    public static ServerView of(ServerHealth h, LatestUsage usage, Map<String, Instant> diskFullAt) {
        ServerHealth.Latest l = h.latest();
        Latest latest = l == null ? null : new Latest(l.collectedAt(), l.cpuUsage(), l.memoryPercentage(), l.load1(),
                l.fullestDisk(), l.fullestDiskPercentage(), l.failedServices() == null ? null
                : l.failedServices().stream().map(f -> new FailedServiceView(f.name(), f.status(), f.since())).toList(),
                usage == null ? null : new TreeMap<>(usage.inodes()),
                usage == null ? null : RateView.of(new TreeMap<>(usage.network())),
                diskFullAt == null ? null : new TreeMap<>(diskFullAt));
        return new ServerView(h.serverId(), h.state().name(), emptyToNull(h.reasons()), h.since(), h.lastSeen(),
                h.registeredAt(), h.agentVersion(), latest, null, null);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
