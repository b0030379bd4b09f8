package io.healthmon.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * One collection of one server's health. {@code failedServices} is null when the agent could not
 * ask systemd (the check was unavailable), which is not the same as an empty list (no failures).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsReport(
        @JsonProperty("server_id")
        @NotNull
        @Pattern(regexp = Limits.SERVER_ID_PATTERN, message = Limits.SERVER_ID_RULE)
        String serverId,

        @JsonProperty("timestamp")
        @NotNull
        Instant timestamp,

        @JsonProperty("cpu_usage")
        @DecimalMin("0.0") @DecimalMax("100.0")
        Double cpuUsage,

        @JsonProperty("memory")
        @Valid
        Memory memory,

        @JsonProperty("disk_usage")
        @Size(max = Limits.MAX_DISKS)
        List<@Valid @NotNull DiskUsage> diskUsage,

        @JsonProperty("load_average")
        @Valid
        LoadAverage loadAverage,

        @JsonProperty("uptime")
        @PositiveOrZero
        Long uptime,

        // Always written, null when the agent could not ask systemd: the field is there, and it does not
        // claim "no failures".
        @JsonProperty("failed_services")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Size(max = Limits.MAX_FAILED_SERVICES)
        List<@Valid @NotNull FailedService> failedServices,

        @JsonProperty("swap")
        @Valid
        Memory swap,

        @JsonProperty("network")
        @Size(max = Limits.MAX_INTERFACES)
        List<@Valid @NotNull NetworkInterfaceUsage> network,

        @JsonProperty("agent_version")
        @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_RULE)
        @Size(max = Limits.MAX_TEXT)
        String agentVersion,

        @JsonProperty("collection_errors")
        @Size(max = Limits.MAX_COLLECTION_ERRORS)
        List<@Valid @NotNull CollectionError> collectionErrors) {

    /** A report with only the seed's fields set; the additions stay absent. */
    public static MetricsReport of(String serverId, Instant timestamp, Double cpuUsage, Memory memory,
                                   List<DiskUsage> diskUsage, LoadAverage loadAverage, Long uptime,
                                   List<FailedService> failedServices) {
        return new MetricsReport(serverId, timestamp, cpuUsage, memory, diskUsage, loadAverage, uptime,
                failedServices, null, null, null, null);
    }

    /** True when the agent could ask systemd; false when that check was unavailable. */
    public boolean failedServicesKnown() {
        return failedServices != null;
    }
}
