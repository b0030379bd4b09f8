package io.healthmon.server.application;

import io.healthmon.server.application.port.ReportPartitions;
import io.healthmon.server.application.port.SchemaState;
import io.healthmon.server.cluster.ClusterDuties;
import io.healthmon.server.cluster.Duty;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Creates the metrics partitions ahead: on every instance once the schema is applied (instances take
 * turns), then hourly by the instance that holds {@link Duty#METRICS_PARTITIONS}. Those past retention
 * are dropped by {@link HistoryMaintenance}.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PartitionSchedule {

    @Inject
    ReportPartitions partitions;

    @Inject
    SchemaState schema;

    @Inject
    ClusterDuties duties;

    /** Public: an EJB observes events through its business methods. */
    public void onSchemaApplied(@Observes SchemaState.Applied event) {
        partitions.ensureAhead();
    }

    @Schedule(hour = "*", minute = "7", persistent = false)
    void hourly() {
        if (schema.isApplied() && duties.holds(Duty.METRICS_PARTITIONS)) {
            partitions.ensureAhead();
        }
    }
}
