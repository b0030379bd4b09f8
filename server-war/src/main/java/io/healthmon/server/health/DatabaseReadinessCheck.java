package io.healthmon.server.health;

import io.healthmon.server.cluster.ClusterStatus;
import io.healthmon.server.persistence.schema.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers and the schema is applied: then reports can be stored. Its data
 * also names how many members this instance's cluster has (1 alone).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Inject
    DatabaseProbe database;

    @Inject
    SchemaMigration schema;

    @Inject
    ClusterStatus cluster;

    @Override
    public HealthCheckResponse call() {
        boolean reachable = database.reachable();
        boolean applied = schema.isApplied();
        return HealthCheckResponse.named("database")
                .status(reachable && applied)
                .withData("reachable", reachable)
                .withData("schema", applied ? "applied" : "pending")
                .withData("members", cluster.memberCount())
                .build();
    }
}
