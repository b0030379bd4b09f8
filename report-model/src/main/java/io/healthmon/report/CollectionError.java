package io.healthmon.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A collector that failed or was unavailable; the report went out with the rest (partial metrics). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CollectionError(
        @JsonProperty("collector") @NotBlank @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_RULE) @Size(max = Limits.MAX_SHORT_NAME) String collector,
        @JsonProperty("message") @Pattern(regexp = Limits.TEXT_PATTERN, message = Limits.TEXT_RULE) @Size(max = Limits.MAX_TEXT * 4) String message) {
}
