package io.healthmon.server.application;

import io.healthmon.server.cluster.ClusterDuties;
import io.healthmon.server.cluster.Duty;
import io.healthmon.server.persistence.schema.MetricsPartitions;
import io.healthmon.server.persistence.schema.SchemaMigration;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** Hourly partition maintenance, by the instance that holds {@link Duty#METRICS_PARTITIONS}. */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PartitionSchedule {

    @Inject
    MetricsPartitions partitions;

    @Inject
    SchemaMigration schema;

    @Inject
    ClusterDuties duties;

    @Schedule(hour = "*", minute = "7", persistent = false)
    void hourly() {
        if (schema.isApplied() && duties.holds(Duty.METRICS_PARTITIONS)) {
            partitions.maintain();
        }
    }
}
