package io.healthmon.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Memory (or swap) in bytes, and the used share in percent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Memory(
        @JsonProperty("total") @NotNull @PositiveOrZero Long total,
        @JsonProperty("used") @NotNull @PositiveOrZero Long used,
        @JsonProperty("percentage") @NotNull @DecimalMin("0.0") @DecimalMax("100.0") Double percentage) {

    @JsonIgnore
    @AssertTrue(message = "used must not exceed total")
    public boolean isUsedWithinTotal() {
        return total == null || used == null || used <= total;
    }
}
