package io.healthmon.server.health;

import io.healthmon.server.application.port.SchemaState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the first schema migration attempt has finished (applied or waiting for the database). */
@Startup
@ApplicationScoped
public class SchemaStartupCheck implements HealthCheck {

    @Inject
    SchemaState schema;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("schema-migration").status(schema.isAttempted()).build();
    }
}
