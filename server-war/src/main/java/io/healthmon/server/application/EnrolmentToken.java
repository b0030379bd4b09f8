package io.healthmon.server.application;

import java.time.Instant;

/** A one-time re-enrolment token as issued: the only moment the token itself exists on the server. */
public record EnrolmentToken(String serverId, String token, Instant expiresAt, boolean revokesExistingKeys) {
}
