package io.healthmon.server.domain;

import java.time.Instant;

/** One of a server's API keys as operators see it: its id and first characters, never the key. */
public record AgentKey(long keyId, String prefix, Instant createdAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
