package io.healthmon.server.application.port;

import io.healthmon.server.domain.AgentKey;
import java.time.Instant;

/** An API key as stored: its hash and first characters, never the key; whose it is, and since when. */
public record StoredKey(long keyId, long serverRef, String serverId, String hash, String prefix, Instant createdAt,
                        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }

    /** As operators see it. */
    public AgentKey describe() {
        return new AgentKey(keyId, prefix, createdAt, revokedAt);
    }
}
