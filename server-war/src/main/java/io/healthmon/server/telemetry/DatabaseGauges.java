package io.healthmon.server.telemetry;

import io.healthmon.server.application.port.DatabaseCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Gauges read from the database at each scrape: the webhook outbox's pending notices, and the server's
 * connections to PostgreSQL by state (the JDBC pool's connections in use are the ones not idle). Payara's
 * own pool gauges (vendor scope) read zero here, with its health-check service polling the pool or not,
 * so PostgreSQL is asked.
 * Both are read in one go at most every few seconds, whichever gauge asks first; a read that fails
 * makes every gauge NaN until the next read is due, so a scrape during an outage waits for at most one
 * failed read and still answers.
 */
@ApplicationScoped
public class DatabaseGauges {

    /** pg_stat_activity's states, named as labels. */
    private static final Map<String, String> CONNECTION_STATES = Map.of(
            "active", "active", "idle", "idle", "idle in transaction", "idle_in_transaction");

    @Inject
    MetricRegistry registry;

    /** Scrapes come every 15 s or more: a fresher read would only load the database. */
    private static final Duration REREAD_AFTER = Duration.ofSeconds(5);

    @Inject
    DatabaseCounts counts;

    private Reading last = new Reading(Optional.empty(), Long.MIN_VALUE);

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
        return current().counts().map(c -> (double) c.pendingDeliveries()).orElse(Double.NaN);
    }

    private Double connections(String state) {
        return current().counts().map(c -> (double) c.connectionsByState().getOrDefault(state, 0L)).orElse(Double.NaN);
    }

    private synchronized Reading current() {
        long now = System.nanoTime();
        if (last.readAt() != Long.MIN_VALUE && now - last.readAt() < REREAD_AFTER.toNanos()) {
            return last;
        }
        Optional<DatabaseCounts.Counts> read;
        try {
            read = Optional.of(counts.read());
        } catch (SQLException | RuntimeException e) {
            read = Optional.empty();
        }
        last = new Reading(read, System.nanoTime());
        return last;
    }

    /** What one read of the database gave (nothing when it failed), and when, by {@link System#nanoTime()}. */
    private record Reading(Optional<DatabaseCounts.Counts> counts, long readAt) {
    }
}
