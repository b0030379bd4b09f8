package io.healthmon.server.telemetry;

import io.healthmon.server.persistence.jdbc.OperationalCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Gauges read from the database at each scrape: the webhook outbox's pending notices, and the server's
 * connections to PostgreSQL by state (the JDBC pool's connections in use are the ones not idle). Payara's
 * own pool gauges stay at zero unless its health-check service polls the pool, so PostgreSQL is asked.
 * A count the database cannot give reads NaN, and the scrape still answers.
 */
@ApplicationScoped
public class DatabaseGauges {

    /** pg_stat_activity's states, named as labels. */
    private static final Map<String, String> CONNECTION_STATES = Map.of(
            "active", "active", "idle", "idle", "idle in transaction", "idle_in_transaction");

    @Inject
    MetricRegistry registry;

    @Inject
    OperationalCounts counts;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder().withName("healthmon_webhook_outbox_pending")
                .withDescription("Alert notices waiting in the webhook outbox for delivery or another attempt.").build(),
                this::pendingDeliveries);
        CONNECTION_STATES.forEach((state, label) -> registry.gauge(Metadata.builder()
                        .withName("healthmon_database_connections")
                        .withDescription("The server's connections to PostgreSQL by state, as pg_stat_activity shows"
                                + " them (all instances of a cluster together; active ones are the pool's connections in use)")
                        .build(),
                () -> connections(state), new Tag("state", label)));
    }

    private Double pendingDeliveries() {
        try {
            return (double) counts.pendingDeliveries();
        } catch (SQLException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private Double connections(String state) {
        try {
            return (double) counts.connectionsByState().getOrDefault(state, 0L);
        } catch (SQLException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
