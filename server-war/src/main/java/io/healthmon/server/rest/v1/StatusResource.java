package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.health.ServiceState;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;

/** {@code GET /api/v1/health}: the server's own status for anyone; 503 while it cannot take reports. */
@Path("v1/health")
public class StatusResource {

    static final String VERSION = readVersion();

    @Inject
    ServiceState service;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        ServiceState.Now now = service.now();
        Status body = new Status(now.up() ? "UP" : "DOWN", now.databaseReachable() ? "UP" : "DOWN",
                now.schemaApplied() ? "APPLIED" : "PENDING", VERSION, clock.instant());
        return Response.status(now.up() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(body).build();
    }

    private static String readVersion() {
        try (java.io.InputStream in = StatusResource.class.getResourceAsStream("/healthmon-server.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    public record Status(
            @JsonProperty("status") String status,
            @JsonProperty("database") String database,
            @JsonProperty("schema") String schema,
            @JsonProperty("version") String version,
            @JsonProperty("time") Instant time) {
    }
}
