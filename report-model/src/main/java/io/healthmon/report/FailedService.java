package io.healthmon.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A systemd unit in the failed state, and since when (null when systemd did not say). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailedService(
        @JsonProperty("name") @NotBlank @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_RULE) @Size(max = Limits.MAX_TEXT) String name,
        @JsonProperty("status") @NotBlank @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_RULE) @Size(max = Limits.MAX_SHORT_NAME) String status,
        @JsonProperty("since") Instant since) {
}
