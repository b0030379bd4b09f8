package io.healthmon.server.application;

/** The server an API key belongs to: a key writes only this server's data. */
public record AuthenticatedAgent(long serverRef, String serverId, long keyId) {
}
