package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.application.FleetQueries;
import io.healthmon.server.domain.AlertHistory;
import io.healthmon.server.rest.security.OperatorAuthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** {@code GET /api/v1/alerts?state=open|resolved|all&server=ID&offset=&limit=}: alerts, newest first. */
@Path("v1/alerts")
@OperatorAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @Inject
    FleetQueries queries;

    @GET
    public AlertPage list(@QueryParam("state") @DefaultValue("all") String state,
                          @QueryParam("server") String server,
                          @QueryParam("offset") @DefaultValue("0") int offset,
                          @QueryParam("limit") @DefaultValue("100") int limit) {
        String stateFilter = switch (state.toLowerCase(Locale.ROOT)) {
            case "open" -> "OPEN";
            case "resolved" -> "RESOLVED";
            case "all" -> null;
            default -> throw QueryParameters.invalid("state", "must be open, resolved or all");
        };
        QueryParameters.checkPage(offset, limit);
        String serverFilter = server == null || server.isBlank() ? null : server;
        FleetQueries.Page<AlertHistory> page = queries.alerts(stateFilter, serverFilter, offset, limit);
        return new AlertPage(page.total(), offset, limit, page.items().stream().map(AlertView::of).toList());
    }

    public record AlertPage(
            @JsonProperty("total") long total,
            @JsonProperty("offset") int offset,
            @JsonProperty("limit") int limit,
            @JsonProperty("alerts") List<AlertView> alerts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertView(
            @JsonProperty("id") long id,
            @JsonProperty("server_id") String serverId,
            @JsonProperty("kind") String kind,
            @JsonProperty("subject") String subject,
            @JsonProperty("state") String state,
            @JsonProperty("value") Double value,
            @JsonProperty("threshold") Double threshold,
            @JsonProperty("last_value") Double lastValue,
            @JsonProperty("opened_at") Instant openedAt,
            @JsonProperty("resolved_at") Instant resolvedAt,
            @JsonProperty("deliveries") List<DeliveryView> deliveries,
            @JsonProperty("silenced") boolean silenced,
            @JsonProperty("silence_ids") List<Long> silenceIds) {

        static AlertView of(AlertHistory a) {
            return new AlertView(a.id(), a.serverId(), a.kind(), a.subject(), a.state(), a.value(), a.threshold(),
                    a.lastValue(), a.openedAt(), a.resolvedAt(), a.deliveries().stream().map(DeliveryView::of).toList(),
                    !a.silenceIds().isEmpty(), a.silenceIds());
        }
    }

    /** One notice to one receiver: PENDING (with when it is tried next), DELIVERED or FAILED. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(
            @JsonProperty("event_id") UUID eventId,
            @JsonProperty("event") String event,
            @JsonProperty("receiver") String receiver,
            @JsonProperty("state") String state,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("next_attempt_at") Instant nextAttemptAt,
            @JsonProperty("delivered_at") Instant deliveredAt) {

        static DeliveryView of(AlertHistory.Delivery d) {
            return new DeliveryView(d.eventId(), d.event(), d.receiver(), d.state(), d.attempts(), d.lastError(),
                    d.nextAttemptAt(), d.deliveredAt());
        }
    }
}
