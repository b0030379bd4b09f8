package io.healthmon.server.persistence.jpa;

import io.healthmon.server.domain.HealthState;
import io.healthmon.server.domain.ServerHealth;
import io.healthmon.server.persistence.FailedServicesJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A server's current classification and the headline values of its latest report, as JPA reads it and
 * registration creates it; judging reports writes it by plain JDBC ({@code HealthRows}). The failed
 * services are kept as their JSON text (null when the check was unavailable).
 */
@Entity
@Table(name = "health_status")
@NamedQuery(name = HealthStatusEntity.ALL, query =
        "select h from HealthStatusEntity h join fetch h.server s order by s.serverId")
@NamedQuery(name = HealthStatusEntity.COUNT, query = "select count(h) from HealthStatusEntity h")
@NamedQuery(name = HealthStatusEntity.BY_SERVER_ID, query =
        "select h from HealthStatusEntity h join fetch h.server s where s.serverId = :serverId")
public class HealthStatusEntity {

    public static final String ALL = "HealthStatus.all";
    public static final String COUNT = "HealthStatus.count";
    public static final String BY_SERVER_ID = "HealthStatus.byServerId";

    @Id
    @Column(name = "server_ref")
    private Long serverRef;

    @MapsId
    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "server_ref")
    private ServerEntity server;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private HealthState state;

    @Column(name = "reasons")
    private String reasons;

    @Column(name = "status_since", nullable = false)
    private OffsetDateTime since;

    @Column(name = "evaluated_at", nullable = false)
    private OffsetDateTime evaluatedAt;

    // On this row, not the server's, so that a report updates one row besides its metrics row.
    @Column(name = "last_seen_at")
    private OffsetDateTime lastSeenAt;

    @Column(name = "agent_version", length = 256)
    private String agentVersion;

    @Column(name = "latest_collected_at")
    private OffsetDateTime latestCollectedAt;

    @Column(name = "cpu_usage")
    private Double cpuUsage;

    @Column(name = "memory_percentage")
    private Double memoryPercentage;

    @Column(name = "load_1")
    private Double load1;

    @Column(name = "fullest_disk", length = 1024)
    private String fullestDisk;

    @Column(name = "fullest_disk_percentage")
    private Double fullestDiskPercentage;

    @Column(name = "failed_services")
    private String failedServicesJson;

    protected HealthStatusEntity() {
    }

    public HealthStatusEntity(ServerEntity server, HealthState state, String reasons, Instant now) {
        this.server = server;
        this.state = state;
        this.reasons = reasons;
        OffsetDateTime utc = UtcTimes.toUtc(now);
        this.since = utc;
        this.evaluatedAt = utc;
    }

    /** Takes the values of {@code health}, this row's server's. */
    public void update(ServerHealth health) {
        state = health.state();
        reasons = health.reasons();
        since = UtcTimes.toUtc(health.since());
        evaluatedAt = UtcTimes.toUtc(health.evaluatedAt());
        lastSeenAt = UtcTimes.toUtc(health.lastSeen());
        agentVersion = health.agentVersion();
        ServerHealth.Latest latest = health.latest();
        latestCollectedAt = latest == null ? null : UtcTimes.toUtc(latest.collectedAt());
        cpuUsage = latest == null ? null : latest.cpuUsage();
        memoryPercentage = latest == null ? null : latest.memoryPercentage();
        load1 = latest == null ? null : latest.load1();
        fullestDisk = latest == null ? null : latest.fullestDisk();
        fullestDiskPercentage = latest == null ? null : latest.fullestDiskPercentage();
        failedServicesJson = latest == null ? null : FailedServicesJson.write(latest.failedServices());
    }

    public ServerEntity getServer() {
        return server;
    }

    /** What the row says, as a domain value. */
    public ServerHealth describe() {
        ServerHealth.Latest latest = latestCollectedAt == null ? null : new ServerHealth.Latest(
                UtcTimes.toInstant(latestCollectedAt), cpuUsage, memoryPercentage, load1, fullestDisk, fullestDiskPercentage,
                FailedServicesJson.read(failedServicesJson));
        return new ServerHealth(serverRef, server.getServerId(), state, reasons, UtcTimes.toInstant(since),
                UtcTimes.toInstant(evaluatedAt), UtcTimes.toInstant(lastSeenAt), server.getRegisteredAt(), agentVersion, latest);
    }
}
