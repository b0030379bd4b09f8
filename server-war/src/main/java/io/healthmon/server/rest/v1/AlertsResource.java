package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.persistence.jpa.AlertEntity;
import io.healthmon.server.persistence.jpa.AlertRepository;
import io.healthmon.server.persistence.jpa.UtcTimes;
import io.healthmon.server.persistence.jpa.WebhookDeliveryEntity;
import io.healthmon.server.persistence.jpa.WebhookDeliveryRepository;

import io.healthmon.server.rest.security.OperatorAuthenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** {@code GET /api/v1/alerts?state=open|resolved|all&server=ID&offset=&limit=}: alerts, newest first. */
@Path("v1/alerts")
@OperatorAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @Inject
    AlertRepository alerts;

    @Inject
    WebhookDeliveryRepository deliveries;

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
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
        List<AlertEntity> page = alerts.find(stateFilter, serverFilter, offset, limit);
        Map<Long, List<WebhookDeliveryEntity>> sent = deliveries.forAlerts(page.stream().map(AlertEntity::getId).toList());
        return new AlertPage(alerts.count(stateFilter, serverFilter), offset, limit,
                page.stream().map(a -> AlertView.of(a, sent.getOrDefault(a.getId(), List.of()))).toList());
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
            @JsonProperty("deliveries") List<DeliveryView> deliveries) {

        static AlertView of(AlertEntity a, List<WebhookDeliveryEntity> deliveries) {
            return new AlertView(a.getId(), a.getServer().getServerId(), a.getKind(), a.getSubject(), a.getState(),
                    a.getValue(), a.getThreshold(), a.getLastValue(), UtcTimes.toInstant(a.getOpenedAt()),
                    UtcTimes.toInstant(a.getResolvedAt()), deliveries.stream().map(DeliveryView::of).toList());
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

        static DeliveryView of(WebhookDeliveryEntity d) {
            boolean pending = WebhookDeliveryEntity.PENDING.equals(d.getState());
            return new DeliveryView(d.getEventId(), d.getEventType().toLowerCase(Locale.ROOT), d.getReceiver(), d.getState(),
                    d.getAttempts(), d.getLastError(), pending ? UtcTimes.toInstant(d.getNextAttemptAt()) : null,
                    UtcTimes.toInstant(d.getDeliveredAt()));
        }
    }
}
