package io.healthmon.server.application;

import io.healthmon.server.domain.ApiKeys;
import io.healthmon.server.persistence.jpa.ApiKeyEntity;
import io.healthmon.server.persistence.jpa.ApiKeyRepository;
import io.healthmon.server.persistence.jpa.ServerEntity;
import io.healthmon.server.persistence.jpa.ServerRepository;
import io.healthmon.server.persistence.jpa.UtcTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.logging.Logger;

/**
 * Registers servers and manages their API keys. Registering an existing server issues an additional
 * key (a rotation): the old keys stay valid until an operator revokes them.
 */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class.getName());

    @Inject
    ServerRepository servers;

    @Inject
    ApiKeyRepository keys;

    @Inject
    Clock clock;

    @Inject
    AgentAuthenticator authenticator;

    @Transactional
    public IssuedKey register(String serverId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ServerEntity existing = servers.findByServerId(serverId).orElse(null);
        ServerEntity server = existing != null ? existing : servers.create(serverId, now);
        IssuedKey issued = issue(server, now, existing == null);
        LOG.info(() -> (issued.newServer() ? "Registered server " : "Issued an additional key for server ")
                + serverId + " (key " + ApiKeys.visiblePrefix(issued.apiKey()) + "...)");
        return issued;
    }

    /** A new key for an existing server; the old ones stay valid until revoked. */
    @Transactional
    public IssuedKey rotate(String serverId) {
        ServerEntity server = servers.findByServerId(serverId)
                .orElseThrow(() -> new UnknownServerException("no server " + serverId));
        return issue(server, OffsetDateTime.now(clock), false);
    }

    @Transactional
    public List<ApiKeyEntity> keysOf(String serverId) {
        servers.findByServerId(serverId).orElseThrow(() -> new UnknownServerException("no server " + serverId));
        return keys.forServer(serverId);
    }

    /** Revokes one key of a server; revoking twice keeps the first revocation time. */
    @Transactional
    public ApiKeyEntity revoke(String serverId, long keyId) {
        ApiKeyEntity key = keys.find(keyId)
                .filter(k -> k.getServer().getServerId().equals(serverId))
                .orElseThrow(() -> new UnknownServerException("server " + serverId + " has no key " + keyId));
        authenticator.forget(keyId);
        if (key.getRevokedAt() == null) {
            key.setRevokedAt(OffsetDateTime.now(clock));
            LOG.info(() -> "Revoked key " + key.getKeyPrefix() + "... of server " + serverId);
        }
        return key;
    }

    private IssuedKey issue(ServerEntity server, OffsetDateTime now, boolean newServer) {
        String key = ApiKeys.generate();
        ApiKeyEntity entity = keys.add(server, ApiKeys.hash(key), ApiKeys.visiblePrefix(key), now);
        return new IssuedKey(server.getServerId(), key, entity.getId(), UtcTimes.toInstant(now), newServer);
    }
}
