package io.healthmon.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** Run-queue load averages; the wire names start with a digit, as in the seed. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoadAverage(
        @JsonProperty("1min") @NotNull @DecimalMin("0.0") @DecimalMax(Limits.MAX_LOAD) Double oneMinute,
        @JsonProperty("5min") @NotNull @DecimalMin("0.0") @DecimalMax(Limits.MAX_LOAD) Double fiveMinutes,
        @JsonProperty("15min") @NotNull @DecimalMin("0.0") @DecimalMax(Limits.MAX_LOAD) Double fifteenMinutes) {
}
