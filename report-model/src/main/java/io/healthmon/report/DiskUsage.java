package io.healthmon.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** One mounted file system: space in bytes, and (an addition to the seed) inode use. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiskUsage(
        @JsonProperty("mountpoint") @NotBlank @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_RULE) @Size(max = Limits.MAX_MOUNTPOINT) String mountpoint,
        @JsonProperty("total") @NotNull @PositiveOrZero Long total,
        @JsonProperty("used") @NotNull @PositiveOrZero Long used,
        @JsonProperty("percentage") @NotNull @DecimalMin("0.0") @DecimalMax("100.0") Double percentage,
        @JsonProperty("filesystem") @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_RULE) @Size(max = Limits.MAX_TEXT) String filesystem,
        @JsonProperty("inodes_total") @PositiveOrZero Long inodesTotal,
        @JsonProperty("inodes_used") @PositiveOrZero Long inodesUsed,
        @JsonProperty("inodes_percentage") @DecimalMin("0.0") @DecimalMax("100.0") Double inodesPercentage) {

    /** A disk with only the seed's fields. */
    public static DiskUsage of(String mountpoint, long total, long used, double percentage) {
        return new DiskUsage(mountpoint, total, used, percentage, null, null, null, null);
    }

    @JsonIgnore
    @AssertTrue(message = "used must not exceed total")
    public boolean isUsedWithinTotal() {
        return total == null || used == null || used <= total;
    }

    @JsonIgnore
    @AssertTrue(message = "inodes_used must not exceed inodes_total")
    public boolean isInodesUsedWithinTotal() {
        return inodesTotal == null || inodesUsed == null || inodesUsed <= inodesTotal;
    }
}
