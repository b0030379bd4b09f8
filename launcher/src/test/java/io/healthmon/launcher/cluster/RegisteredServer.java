package io.healthmon.launcher.cluster;

/** A server the test registered, and the API key it was given. */
public record RegisteredServer(String serverId, String apiKey) {
}
