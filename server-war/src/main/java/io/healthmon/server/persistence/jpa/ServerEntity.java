package io.healthmon.server.persistence.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

@Entity
@Table(name = "servers")
@NamedQuery(name = ServerEntity.BY_SERVER_ID, query = "select s from ServerEntity s where s.serverId = :serverId")
public class ServerEntity {

    public static final String BY_SERVER_ID = "Server.byServerId";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "server_id", nullable = false, unique = true, length = 128)
    private String serverId;

    @Column(name = "registered_at", nullable = false)
    private OffsetDateTime registeredAt;

    protected ServerEntity() {
    }

    public ServerEntity(String serverId, Instant registeredAt) {
        this.serverId = serverId;
        this.registeredAt = UtcTimes.toUtc(registeredAt);
    }

    public Long getId() {
        return id;
    }

    public String getServerId() {
        return serverId;
    }

    public Instant getRegisteredAt() {
        return UtcTimes.toInstant(registeredAt);
    }
}
