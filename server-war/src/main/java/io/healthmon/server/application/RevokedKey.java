package io.healthmon.server.application;

/** A revoked key that was presented: whose it was, and the characters operators see of it. */
public record RevokedKey(String serverId, String keyPrefix) {
}
