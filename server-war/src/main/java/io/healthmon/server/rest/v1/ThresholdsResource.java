package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthmon.report.Limits;
import io.healthmon.server.application.ThresholdService;
import io.healthmon.server.domain.ThresholdOverrides;
import io.healthmon.server.rest.RequestBodies;
import io.healthmon.server.rest.security.OperatorAuthenticated;
import jakarta.inject.Inject;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;


/**
 * A server's own alert thresholds, for operators: {@code {"cpu": 95, "disk": 90, "mountpoints":
 * {"/backup": 98}, "inodes": 95, "inode_mountpoints": {"/var/spool": 99}}}. Absent or null means the
 * global threshold; PUT replaces them all, {@code {}} clears them. Unknown fields are refused, so a
 * misspelt one is not silently ignored.
 */
@Path("v1/servers/{serverId}/thresholds")
@OperatorAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class ThresholdsResource {

    @Inject
    ThresholdService thresholds;

    @Inject
    RequestBodies bodies;

    @GET
    public ThresholdsView get(@PathParam("serverId") String serverId) {
        return ThresholdsView.of(thresholds.of(serverId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ThresholdsView put(@PathParam("serverId") String serverId, JsonNode body) {
        ThresholdsRequest wanted = bodies.read(body, ThresholdsRequest.class, "invalid-thresholds");
        thresholds.replace(serverId, new ThresholdOverrides(wanted.cpu(), wanted.disk(), wanted.mountpoints(),
                wanted.inodes(), wanted.inodeMountpoints()));
        return ThresholdsView.of(thresholds.of(serverId));
    }

    /**
     * The PUT body: each threshold a percentage; a mountpoint's own wins over {@code disk} (over
     * {@code inodes} in {@code inode_mountpoints}). Its
     * constrained components are hidden from Payara's OpenAPI generator, which fails on a record's
     * constraints (it meets them again on the canonical constructor's parameters).
     */
    public record ThresholdsRequest(
            @Schema(hidden = true) @JsonProperty("cpu") @DecimalMin(value = "0", message = PERCENTAGE) @DecimalMax(value = "100", message = PERCENTAGE)
            Double cpu,
            @Schema(hidden = true) @JsonProperty("disk") @DecimalMin(value = "0", message = PERCENTAGE) @DecimalMax(value = "100", message = PERCENTAGE)
            Double disk,
            @Schema(hidden = true) @JsonProperty("mountpoints")
            Map<@NotBlank(message = MOUNTPOINT) @Size(max = Limits.MAX_MOUNTPOINT, message = MOUNTPOINT) String,
                    @NotNull(message = PERCENTAGE) @DecimalMin(value = "0", message = PERCENTAGE)
                    @DecimalMax(value = "100", message = PERCENTAGE) Double> mountpoints,
            @Schema(hidden = true) @JsonProperty("inodes") @DecimalMin(value = "0", message = PERCENTAGE) @DecimalMax(value = "100", message = PERCENTAGE)
            Double inodes,
            @Schema(hidden = true) @JsonProperty("inode_mountpoints")
            Map<@NotBlank(message = MOUNTPOINT) @Size(max = Limits.MAX_MOUNTPOINT, message = MOUNTPOINT) String,
                    @NotNull(message = PERCENTAGE) @DecimalMin(value = "0", message = PERCENTAGE)
                    @DecimalMax(value = "100", message = PERCENTAGE) Double> inodeMountpoints) {
    }

    private static final String PERCENTAGE = "must be a number from 0 to 100";
    private static final String MOUNTPOINT = "a mountpoint must be 1 to " + Limits.MAX_MOUNTPOINT + " characters";

    /** A server's thresholds as the API shows them: absent fields are the global ones. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ThresholdsView(
            @JsonProperty("cpu") Double cpu,
            @JsonProperty("disk") Double disk,
            @JsonProperty("mountpoints") Map<String, Double> mountpoints,
            @JsonProperty("inodes") Double inodes,
            @JsonProperty("inode_mountpoints") Map<String, Double> inodeMountpoints) {

        static ThresholdsView of(ThresholdOverrides overrides) {
            return new ThresholdsView(overrides.cpu(), overrides.disk(), overrides.mountpoints(), overrides.inodes(),
                    overrides.inodeMountpoints());
        }
    }
}
