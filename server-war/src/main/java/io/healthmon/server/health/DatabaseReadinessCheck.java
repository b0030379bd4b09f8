package io.healthmon.server.health;

import io.healthmon.server.cluster.ClusterStatus;
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
    ServiceState service;

    @Inject
    ClusterStatus cluster;

    @Override
    public HealthCheckResponse call() {
        ServiceState.Now now = service.now();
        return HealthCheckResponse.named("database")
                .status(now.up())
                .withData("reachable", now.databaseReachable())
                .withData("schema", now.schemaApplied() ? "applied" : "pending")
                .withData("members", cluster.memberCount())
                .build();
    }
}
