package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthmon.report.Limits;
import io.healthmon.server.application.InvalidSilenceException;
import io.healthmon.server.application.SilenceService;
import io.healthmon.server.application.Violation;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.Silence;
import io.healthmon.server.rest.RequestBodies;
import io.healthmon.server.rest.security.OperatorAuthenticated;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Silences and maintenance windows: {@code POST /api/v1/silences} sets one, {@code GET} lists them by
 * state, {@code DELETE /api/v1/silences/{id}} ends one now (it stays listed, as expired).
 */
@Path("v1/silences")
@OperatorAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class SilencesResource {

    @Inject
    SilenceService silences;

    @Inject
    RequestBodies bodies;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body) {
        SilenceRequest wanted = bodies.read(body, SilenceRequest.class, "invalid-silence");
        Set<AlertKind> kinds = kinds(wanted.kinds());
        Silence created = silences.create(new SilenceService.NewSilence(wanted.server(), wanted.serverPattern(), kinds,
                wanted.subject(), wanted.startsAt(), wanted.endsAt(), wanted.comment().strip(), wanted.createdBy().strip()));
        return Response.status(Response.Status.CREATED).entity(SilenceView.of(created, clock.instant())).build();
    }

    @GET
    public SilenceList list(@QueryParam("state") @DefaultValue("all") String state) {
        Silence.State wanted = switch (state.toLowerCase(Locale.ROOT)) {
            case "active" -> Silence.State.ACTIVE;
            case "pending" -> Silence.State.PENDING;
            case "expired" -> Silence.State.EXPIRED;
            case "all" -> null;
            default -> throw QueryParameters.invalid("state", "must be active, pending, expired or all");
        };
        Instant now = clock.instant();
        return new SilenceList(silences.list(wanted).stream().map(s -> SilenceView.of(s, now)).toList());
    }

    @DELETE
    @Path("{id}")
    public SilenceView end(@PathParam("id") long id) {
        return SilenceView.of(silences.end(id), clock.instant());
    }

    /** The kinds named, as alert kinds; a name that is none is refused, naming the kinds there are. */
    private static Set<AlertKind> kinds(List<String> names) {
        Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                kinds.add(AlertKind.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new InvalidSilenceException(List.of(new Violation("kinds",
                        "must each be one of " + Arrays.stream(AlertKind.values()).map(Enum::name).collect(Collectors.joining(", ")))));
            }
        }
        return kinds;
    }

    public record SilenceList(@JsonProperty("silences") List<SilenceView> silences) {
    }

    /**
     * The POST body. Its constrained components are hidden from Payara's OpenAPI generator, which fails
     * on a record's constraints (see ThresholdsResource).
     */
    public record SilenceRequest(
            @Schema(hidden = true) @JsonProperty("server")
            @Pattern(regexp = Limits.SERVER_ID_PATTERN, message = Limits.SERVER_ID_RULE) String server,
            @Schema(hidden = true) @JsonProperty("server_pattern")
            @Pattern(regexp = "[A-Za-z0-9._*?-]{1,128}", message = PATTERN_RULE) String serverPattern,
            @Schema(hidden = true) @JsonProperty("kinds") List<@NotNull(message = "must be an alert kind") String> kinds,
            @Schema(hidden = true) @JsonProperty("subject") @Size(min = 1, max = 1024, message = SUBJECT_RULE)
            @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_RULE) String subject,
            @Schema(hidden = true) @JsonProperty("starts_at") Instant startsAt,
            @Schema(hidden = true) @JsonProperty("ends_at") @NotNull(message = "is required") Instant endsAt,
            @Schema(hidden = true) @JsonProperty("comment") @NotBlank(message = "is required")
            @Size(max = 1024, message = "must be at most 1024 characters") String comment,
            @Schema(hidden = true) @JsonProperty("created_by") @NotBlank(message = "is required")
            @Size(max = 128, message = "must be at most 128 characters") String createdBy) {
    }

    private static final String PATTERN_RULE =
            "must be 1 to 128 characters: letters, digits, '.', '_', '-', and the wildcards '*' (any run) and '?' (one)";
    private static final String SUBJECT_RULE = "must be 1 to 1024 characters: one mountpoint or unit";
}
