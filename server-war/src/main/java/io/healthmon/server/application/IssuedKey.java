package io.healthmon.server.application;

import java.time.Instant;

/** A newly issued API key: the only moment the key itself exists outside the agent. */
public record IssuedKey(String serverId, String apiKey, long keyId, Instant createdAt, boolean newServer) {
}
