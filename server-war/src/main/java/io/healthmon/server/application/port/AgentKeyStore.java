package io.healthmon.server.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The servers' API keys, by the hash of the key. */
public interface AgentKeyStore {

    /** The key with this hash, if it is not revoked. */
    Optional<StoredKey> findActive(String hash);

    /** The key with this hash, revoked or not: to tell a revoked key's use from an unknown key. */
    Optional<StoredKey> findAny(String hash);

    Optional<StoredKey> find(long keyId);

    /** Every key of the server, revoked ones included. */
    List<StoredKey> of(String serverId);

    /** The hashes of keys revoked at or after {@code since}; in a transaction of its own when the caller has none. */
    List<String> revokedSince(Instant since);

    /** Stores a new key of the server; the answer carries its id. */
    StoredKey add(long serverRef, String hash, String prefix, Instant now);

    /** Revokes the key at {@code now} unless it was revoked before (the first time stays); the key as it is then. */
    StoredKey revoke(long keyId, Instant now);

    /** Revokes every active key of the server but {@code keptKeyId}; the hashes of those revoked. */
    List<String> revokeOthers(long serverRef, long keptKeyId, Instant now);
}
