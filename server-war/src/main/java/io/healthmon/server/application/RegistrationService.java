package io.healthmon.server.application;

import io.healthmon.server.domain.AgentKey;
import io.healthmon.server.domain.ApiKeys;
import io.healthmon.server.persistence.jpa.ApiKeyEntity;
import io.healthmon.server.persistence.jpa.ApiKeyRepository;
import io.healthmon.server.persistence.jpa.EnrolmentTokenEntity;
import io.healthmon.server.persistence.jpa.EnrolmentTokenRepository;
import io.healthmon.server.persistence.jpa.ServerEntity;
import io.healthmon.server.persistence.jpa.ServerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Registers servers and manages their API keys. The enrollment token registers new server ids only,
 * so a host that knows it cannot take over another host's identity. A registered server gets new keys
 * from an operator: directly (a rotation), or through a one-time re-enrolment token that its
 * reinstalled agent presents instead of the enrollment token.
 */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class.getName());

    @Inject
    ServerRepository servers;

    @Inject
    ApiKeyRepository keys;

    @Inject
    EnrolmentTokenRepository enrolments;

    @Inject
    Clock clock;

    @Inject
    AgentAuthenticator authenticator;

    /** Registers a new server; an id already registered is refused, whoever asks. */
    @Transactional
    public IssuedKey registerNew(String serverId) {
        Instant now = clock.instant();
        if (servers.findByServerId(serverId).isPresent()) {
            throw new ServerAlreadyRegisteredException(serverId);
        }
        ServerEntity server = servers.create(serverId, now)
                .orElseThrow(() -> new ServerAlreadyRegisteredException(serverId));
        IssuedKey issued = issue(server, now, true);
        LOG.info(() -> "Registered server " + serverId + " (key " + ApiKeys.visiblePrefix(issued.apiKey()) + "...)");
        return issued;
    }

    /**
     * Registers an agent again for an existing server with a one-time token an operator issued for it;
     * empty when the token is not that server's, used, or expired.
     */
    @Transactional
    public Optional<IssuedKey> reenrol(String serverId, String enrolmentToken) {
        Instant now = clock.instant();
        Optional<EnrolmentTokenEntity> token = enrolments.use(serverId, ApiKeys.hash(enrolmentToken), now);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        IssuedKey issued = issue(token.get().getServer(), now, false);
        List<String> revoked = token.get().revokesExistingKeys() ? revokeOthers(token.get().getServer(), issued.keyId(), now) : List.of();
        LOG.info(() -> "Re-enrolled server " + serverId + " with a one-time token (new key "
                + ApiKeys.visiblePrefix(issued.apiKey()) + "...; " + (revoked.isEmpty() ? "earlier keys kept" : revoked.size()
                + " earlier key(s) revoked") + ")");
        return Optional.of(issued);
    }

    /**
     * A one-time token with which the server's agent registers again, valid for {@code validFor}; tokens
     * issued before and not used are withdrawn.
     */
    @Transactional
    public EnrolmentToken issueEnrolmentToken(String serverId, boolean revokeExistingKeys, Duration validFor) {
        ServerEntity server = servers.findByServerId(serverId)
                .orElseThrow(() -> new UnknownServerException("no server " + serverId));
        Instant now = clock.instant();
        enrolments.withdrawUnused(server.getId(), now);
        String token = ApiKeys.generateEnrolmentToken();
        Instant expires = now.plus(validFor);
        enrolments.add(new EnrolmentTokenEntity(server, ApiKeys.hash(token), revokeExistingKeys, now, expires));
        LOG.info(() -> "Issued a one-time re-enrolment token for server " + serverId + ", valid until " + expires
                + (revokeExistingKeys ? "; using it revokes the server's other keys" : ""));
        return new EnrolmentToken(serverId, token, expires, revokeExistingKeys);
    }

    /** A new key for an existing server; the old ones stay valid until revoked, or are revoked at once if asked. */
    @Transactional
    public IssuedKey rotate(String serverId, boolean revokeExistingKeys) {
        ServerEntity server = servers.findByServerId(serverId)
                .orElseThrow(() -> new UnknownServerException("no server " + serverId));
        Instant now = clock.instant();
        IssuedKey issued = issue(server, now, false);
        if (revokeExistingKeys) {
            List<String> revoked = revokeOthers(server, issued.keyId(), now);
            LOG.info(() -> "Issued a new key for server " + serverId + " and revoked " + revoked.size() + " earlier key(s)");
        }
        return issued;
    }

    @Transactional
    public List<AgentKey> keysOf(String serverId) {
        servers.findByServerId(serverId).orElseThrow(() -> new UnknownServerException("no server " + serverId));
        return keys.forServer(serverId).stream().map(ApiKeyEntity::describe).toList();
    }

    /** Revokes one key of a server; revoking twice keeps the first revocation time. */
    @Transactional
    public AgentKey revoke(String serverId, long keyId) {
        ApiKeyEntity key = keys.find(keyId)
                .filter(k -> k.getServer().getServerId().equals(serverId))
                .orElseThrow(() -> new UnknownServerException("server " + serverId + " has no key " + keyId));
        authenticator.forget(key.getKeyHash());
        if (key.getRevokedAt() == null) {
            key.setRevokedAt(clock.instant());
            LOG.info(() -> "Revoked key " + key.getKeyPrefix() + "... of server " + serverId);
        }
        return key.describe();
    }

    private List<String> revokeOthers(ServerEntity server, long keptKeyId, Instant now) {
        List<String> revoked = keys.revokeOthers(server, keptKeyId, now);
        revoked.forEach(authenticator::forget);
        return revoked;
    }

    private IssuedKey issue(ServerEntity server, Instant now, boolean newServer) {
        String key = ApiKeys.generate();
        ApiKeyEntity entity = keys.add(server, ApiKeys.hash(key), ApiKeys.visiblePrefix(key), now);
        return new IssuedKey(server.getServerId(), key, entity.getId(), now, newServer);
    }
}
