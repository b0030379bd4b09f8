package io.healthmon.server.health;

import io.healthmon.server.application.port.SchemaState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Whether this instance can take reports now: the database answers and the schema is applied. */
@ApplicationScoped
public class ServiceState {

    @Inject
    DatabaseProbe database;

    @Inject
    SchemaState schema;

    public Now now() {
        return new Now(database.reachable(), schema.isApplied());
    }

    /** The state at one moment. */
    public record Now(boolean databaseReachable, boolean schemaApplied) {
        public boolean up() {
            return databaseReachable && schemaApplied;
        }
    }
}
