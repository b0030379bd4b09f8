package io.healthmon.report;

/** Bounds the server enforces on a report, in one place so agent and server agree on them. */
public final class Limits {
    /** A server id: what a host name or a systemd-friendly name may contain. */
    public static final String SERVER_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
    public static final String SERVER_ID_RULE =
            "must be 1 to 128 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";
    public static final int MAX_TEXT = 256;
    /** Short names: interfaces, unit states, collectors. */
    public static final int MAX_SHORT_NAME = 64;
    /** Names (mountpoints, units, interfaces) hold no control characters: they are shown and logged. */
    public static final String NAME_PATTERN = "[^\\p{Cntrl}]*";
    public static final String NAME_RULE = "must not contain control characters";
    /** Free text may hold line breaks, never NUL (PostgreSQL's text and jsonb cannot store it). */
    public static final String TEXT_PATTERN = "[^\\x00]*";
    public static final String TEXT_RULE = "must not contain NUL characters";
    public static final int MAX_MOUNTPOINT = 1024;
    public static final int MAX_DISKS = 256;
    public static final int MAX_FAILED_SERVICES = 1024;
    public static final int MAX_INTERFACES = 256;
    public static final int MAX_COLLECTION_ERRORS = 64;
    /** A load average above this is a broken reading, not a busy host. */
    public static final String MAX_LOAD = "1000000";
    /** Reports in one request (a spool replay). */
    public static final int MAX_BATCH = 500;

    private Limits() {
    }
}
