package io.healthmon.server.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application answers at all. A database outage is deliberately not a liveness
 * failure: restarting the server would not bring the database back.
 */
@Liveness
@ApplicationScoped
public class ServerLivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("healthmon").up().build();
    }
}
