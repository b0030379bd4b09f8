package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.report.FailedService;
import io.healthmon.report.ReportJson;
import io.healthmon.server.persistence.jpa.HealthStatusEntity;
import io.healthmon.server.persistence.jpa.UtcTimes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

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
        @JsonProperty("latest") Latest latest) {

    private static final com.fasterxml.jackson.databind.ObjectReader FAILED =
            ReportJson.newMapper().readerForListOf(FailedService.class);

    /** The newest report's headline values; {@code failed_services} is absent when systemd could not be asked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Latest(
            @JsonProperty("timestamp") Instant timestamp,
            @JsonProperty("cpu_usage") Double cpuUsage,
            @JsonProperty("memory_percentage") Double memoryPercentage,
            @JsonProperty("load_1") Double load1,
            @JsonProperty("fullest_disk") String fullestDisk,
            @JsonProperty("fullest_disk_percentage") Double fullestDiskPercentage,
            @JsonProperty("failed_services") List<FailedServiceView> failedServices) {
    }

    /** A failed unit as the read API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailedServiceView(
            @JsonProperty("name") String name,
            @JsonProperty("status") String status,
            @JsonProperty("since") Instant since) {
    }

    public static ServerView of(HealthStatusEntity h) {
        Latest latest = h.getLatestCollectedAt() == null ? null : new Latest(
                UtcTimes.toInstant(h.getLatestCollectedAt()), h.getCpuUsage(), h.getMemoryPercentage(), h.getLoad1(),
                h.getFullestDisk(), h.getFullestDiskPercentage(), failed(h.getFailedServicesJson()));
        return new ServerView(h.getServer().getServerId(), h.getState().name(), emptyToNull(h.getReasons()),
                UtcTimes.toInstant(h.getSince()), UtcTimes.toInstant(h.getLastSeenAt()),
                UtcTimes.toInstant(h.getServer().getRegisteredAt()), h.getAgentVersion(), latest);
    }

    private static List<FailedServiceView> failed(String json) {
        try {
            if (json == null) {
                return null;
            }
            List<FailedService> services = FAILED.readValue(json);
            return services.stream().map(f -> new FailedServiceView(f.name(), f.status(), f.since())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
