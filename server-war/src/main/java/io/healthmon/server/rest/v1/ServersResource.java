package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.application.FleetQueries;
import io.healthmon.server.application.SilenceService;
import io.healthmon.server.domain.Silences;
import io.healthmon.server.domain.ServerHealth;
import io.healthmon.server.rest.security.OperatorAuthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The operators' read API over servers: the fleet (paged), one server, and its metric history. */
@Path("v1/servers")
@OperatorAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class ServersResource {

    static final Duration MAX_RANGE = Duration.ofDays(366);

    @Inject
    SilenceService silences;

    @Inject
    FleetQueries queries;

    @Inject
    Clock clock;

    @GET
    public ServerPage list(@QueryParam("offset") @DefaultValue("0") int offset,
                           @QueryParam("limit") @DefaultValue("100") int limit) {
        QueryParameters.checkPage(offset, limit);
        FleetQueries.Page<ServerHealth> page = queries.servers(offset, limit);
        Silences active = silences.activeNow();
        return new ServerPage(page.total(), page.offset(), page.limit(), page.items().stream()
                .map(h -> withSilences(h, active, false)).toList());
    }

    @GET
    @Path("{serverId}")
    public ServerView one(@PathParam("serverId") String serverId) throws SQLException {
        FleetQueries.ServerDetail detail = queries.serverDetail(serverId);
        return withSilences(ServerView.of(detail.health(), detail.usage(), detail.diskFullAt()), detail.health(), silences.activeNow(), true);
    }

    private ServerView withSilences(ServerHealth h, Silences active, boolean listThem) {
        return withSilences(ServerView.of(h), h, active, listThem);
    }

    private ServerView withSilences(ServerView view, ServerHealth h, Silences active, boolean listThem) {
        Instant now = clock.instant();
        return view.withSilences(active.activeFor(h.serverId(), now).stream()
                .map(s -> SilenceView.of(s, now)).toList(), listThem);
    }

    /** History from {@code from} (default: an hour ago) to {@code to} (default: now), ISO-8601 instants. */
    @GET
    @Path("{serverId}/metrics")
    public HistoryView metrics(@PathParam("serverId") String serverId,
                                        @QueryParam("from") String fromText,
                                        @QueryParam("to") String toText) throws SQLException {
        Instant to = toText == null || toText.isBlank() ? clock.instant() : instant("to", toText);
        Instant from = fromText == null || fromText.isBlank() ? to.minus(Duration.ofHours(1)) : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw QueryParameters.invalid("from", "must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw QueryParameters.invalid("from", "the range may span at most " + MAX_RANGE.toDays() + " days");
        }
        return HistoryView.of(queries.history(serverId, from, to, Duration.ofSeconds(60)));
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw QueryParameters.invalid(name, "must be a UTC ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    public record ServerPage(
            @JsonProperty("total") long total,
            @JsonProperty("offset") int offset,
            @JsonProperty("limit") int limit,
            @JsonProperty("servers") List<ServerView> servers) {
    }
}
