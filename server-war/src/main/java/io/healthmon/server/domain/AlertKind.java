package io.healthmon.server.domain;

/** What an alert is about; the subject says which mountpoint or unit. */
public enum AlertKind {
    HIGH_CPU,
    HIGH_DISK,
    /** A file system's inodes nearly all used (no new file can be made, however much space is free). */
    INODES_HIGH,
    /** A file system's use forecast to reach 100 % within the horizon ({@link DiskForecastRules}). */
    DISK_FILLING,
    FAILED_SERVICE,
    SERVER_OFFLINE
}
