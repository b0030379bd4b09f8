package io.healthmon.server.domain;

/** What an alert is about; the subject says which mountpoint or unit. */
public enum AlertKind {
    HIGH_CPU,
    HIGH_DISK,
    FAILED_SERVICE,
    SERVER_OFFLINE
}
