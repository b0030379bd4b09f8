package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthmon.server.domain.ThresholdOverrides;
import io.healthmon.server.application.ThresholdService;
import io.healthmon.server.application.Violation;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.problem.ProblemException;
import io.healthmon.server.rest.security.OperatorAuthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server's own alert thresholds, for operators: {@code {"cpu": 95, "disk": 90, "mountpoints":
 * {"/backup": 98}}}. Absent or null means the global threshold; PUT replaces them all, {@code {}}
 * clears them. Unknown fields are refused, so a misspelt one is not silently ignored.
 */
@Path("v1/servers/{serverId}/thresholds")
@OperatorAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class ThresholdsResource {

    private static final Set<String> FIELDS = Set.of("cpu", "disk", "mountpoints");

    @Inject
    ThresholdService thresholds;

    @GET
    public ThresholdsView get(@PathParam("serverId") String serverId) {
        return ThresholdsView.of(thresholds.of(serverId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ThresholdsView put(@PathParam("serverId") String serverId, JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        ThresholdOverrides wanted = read(body, violations);
        violations.addAll(ThresholdService.check(wanted));
        if (violations.isEmpty()) {
            violations = thresholds.replace(serverId, wanted);
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "invalid-thresholds",
                    violations.get(0).field() + " " + violations.get(0).rule()).withErrors(violations));
        }
        return ThresholdsView.of(thresholds.of(serverId));
    }

    /** A server's thresholds as the API shows them: absent fields are the global ones. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ThresholdsView(
            @JsonProperty("cpu") Double cpu,
            @JsonProperty("disk") Double disk,
            @JsonProperty("mountpoints") Map<String, Double> mountpoints) {

        static ThresholdsView of(ThresholdOverrides overrides) {
            return new ThresholdsView(overrides.cpu(), overrides.disk(), overrides.mountpoints());
        }
    }

    private static ThresholdOverrides read(JsonNode body, List<Violation> violations) {
        if (body == null || !body.isObject()) {
            violations.add(new Violation("", "the body must be a JSON object"));
            return ThresholdOverrides.NONE;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(name, "is not a threshold; use cpu, disk or mountpoints"));
            }
        }
        Map<String, Double> mountpoints = new HashMap<>();
        JsonNode perMount = body.path("mountpoints");
        if (perMount.isObject()) {
            perMount.fields().forEachRemaining(e -> {
                Double threshold = number(e.getValue(), "mountpoints." + e.getKey(), violations);
                if (threshold != null) {
                    mountpoints.put(e.getKey(), threshold);
                }
            });
        } else if (!perMount.isMissingNode() && !perMount.isNull()) {
            violations.add(new Violation("mountpoints", "must be an object of mountpoint to threshold"));
        }
        return new ThresholdOverrides(number(body.path("cpu"), "cpu", violations), number(body.path("disk"), "disk", violations),
                mountpoints);
    }

    private static Double number(JsonNode node, String field, List<Violation> violations) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            violations.add(new Violation(field, "must be a number from 0 to 100"));
            return null;
        }
        return node.doubleValue();
    }
}
