package io.healthmon.server.application;

import io.healthmon.server.application.port.AgentKeyStore;
import io.healthmon.server.application.port.EnrolmentTokenStore;
import io.healthmon.server.application.port.ServerDirectory;
import io.healthmon.server.application.port.StoredKey;
import io.healthmon.server.domain.AgentKey;
import io.healthmon.server.domain.ApiKeys;
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
    ServerDirectory servers;

    @Inject
    AgentKeyStore keys;

    @Inject
    EnrolmentTokenStore enrolments;

    @Inject
    Clock clock;

    @Inject
    AgentAuthenticator authenticator;

    /** Registers a new server; an id already registered is refused, whoever asks. */
    @Transactional
    public IssuedKey registerNew(String serverId) {
        Instant now = clock.instant();
        if (servers.refOf(serverId).isPresent()) {
            throw new ServerAlreadyRegisteredException(serverId);
        }
        long server = servers.register(serverId, now)
                .orElseThrow(() -> new ServerAlreadyRegisteredException(serverId));
        IssuedKey issued = issue(server, serverId, now, true);
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
        Optional<EnrolmentTokenStore.Used> token = enrolments.use(serverId, ApiKeys.hash(enrolmentToken), now);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        long server = token.get().serverRef();
        IssuedKey issued = issue(server, serverId, now, false);
        List<String> revoked = token.get().revokesExistingKeys() ? revokeOthers(server, issued.keyId(), now) : List.of();
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
        long server = refOf(serverId);
        Instant now = clock.instant();
        enrolments.withdrawUnused(server, now);
        String token = ApiKeys.generateEnrolmentToken();
        Instant expires = now.plus(validFor);
        enrolments.add(server, ApiKeys.hash(token), revokeExistingKeys, now, expires);
        LOG.info(() -> "Issued a one-time re-enrolment token for server " + serverId + ", valid until " + expires
                + (revokeExistingKeys ? "; using it revokes the server's other keys" : ""));
        return new EnrolmentToken(serverId, token, expires, revokeExistingKeys);
    }

    /** A new key for an existing server; the old ones stay valid until revoked, or are revoked at once if asked. */
    @Transactional
    public IssuedKey rotate(String serverId, boolean revokeExistingKeys) {
        long server = refOf(serverId);
        Instant now = clock.instant();
        IssuedKey issued = issue(server, serverId, now, false);
        if (revokeExistingKeys) {
            List<String> revoked = revokeOthers(server, issued.keyId(), now);
            LOG.info(() -> "Issued a new key for server " + serverId + " and revoked " + revoked.size() + " earlier key(s)");
        }
        return issued;
    }

    @Transactional
    public List<AgentKey> keysOf(String serverId) {
        refOf(serverId);
        return keys.of(serverId).stream().map(StoredKey::describe).toList();
    }

    /** Revokes one key of a server; revoking twice keeps the first revocation time. */
    @Transactional
    public AgentKey revoke(String serverId, long keyId) {
        StoredKey key = keys.find(keyId)
                .filter(k -> k.serverId().equals(serverId))
                .orElseThrow(() -> new UnknownServerException("server " + serverId + " has no key " + keyId));
        authenticator.forget(key.hash());
        if (!key.revoked()) {
            key = keys.revoke(keyId, clock.instant());
            LOG.info("Revoked key " + key.prefix() + "... of server " + serverId);
        }
        return key.describe();
    }

    private long refOf(String serverId) {
        return servers.refOf(serverId).orElseThrow(() -> new UnknownServerException("no server " + serverId));
    }

    private List<String> revokeOthers(long server, long keptKeyId, Instant now) {
        List<String> revoked = keys.revokeOthers(server, keptKeyId, now);
        revoked.forEach(authenticator::forget);
        return revoked;
    }

    private IssuedKey issue(long server, String serverId, Instant now, boolean newServer) {
        String key = ApiKeys.generate();
        StoredKey stored = keys.add(server, ApiKeys.hash(key), ApiKeys.visiblePrefix(key), now);
        return new IssuedKey(serverId, key, stored.keyId(), now, newServer);
    }
}
