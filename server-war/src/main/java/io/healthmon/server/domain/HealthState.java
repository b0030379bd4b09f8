package io.healthmon.server.domain;

/** A server's health as operators see it. */
public enum HealthState {
    /** Registered, but no report has arrived yet: unknown, not healthy. */
    NEVER_SEEN,
    HEALTHY,
    WARNING,
    DOWN
}
