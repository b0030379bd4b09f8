package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.persistence.jpa.AlertEntity;
import io.healthmon.server.persistence.jpa.AlertRepository;
import io.healthmon.server.persistence.jpa.UtcTimes;
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

/** {@code GET /api/v1/alerts?state=open|resolved|all&server=ID&offset=&limit=}: alerts, newest first. */
@Path("v1/alerts")
@OperatorAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @Inject
    AlertRepository alerts;

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
        return new AlertPage(alerts.count(stateFilter, serverFilter), offset, limit,
                alerts.find(stateFilter, serverFilter, offset, limit).stream().map(AlertView::of).toList());
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
            @JsonProperty("opened_at") Instant openedAt,
            @JsonProperty("resolved_at") Instant resolvedAt) {

        static AlertView of(AlertEntity a) {
            return new AlertView(a.getId(), a.getServer().getServerId(), a.getKind(), a.getSubject(), a.getState(),
                    a.getValue(), a.getThreshold(), UtcTimes.toInstant(a.getOpenedAt()), UtcTimes.toInstant(a.getResolvedAt()));
        }
    }
}
