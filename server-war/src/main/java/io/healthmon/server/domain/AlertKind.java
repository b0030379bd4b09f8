package io.healthmon.server.domain;

/** What an alert is about; the subject says which mountpoint or unit. */
public enum AlertKind {
    HIGH_CPU,
    HIGH_DISK,
    /** A file system's inodes nearly all used (no new file can be made, however much space is free). */
    INODES_HIGH,
    FAILED_SERVICE,
    SERVER_OFFLINE
}
