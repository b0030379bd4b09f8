package io.healthmon.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Bytes received and sent by one network interface since boot (counters, not rates). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkInterfaceUsage(
        @JsonProperty("interface") @NotBlank @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_RULE) @Size(max = Limits.MAX_SHORT_NAME) String name,
        @JsonProperty("bytes_recv") @NotNull @PositiveOrZero Long bytesReceived,
        @JsonProperty("bytes_sent") @NotNull @PositiveOrZero Long bytesSent) {
}
