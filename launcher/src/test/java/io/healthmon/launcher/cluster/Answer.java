package io.healthmon.launcher.cluster;

import java.time.Instant;

/**
 * One report posted and what came back: the server and timestamp that identify the report, when it was
 * sent and answered, and the HTTP status ({@link #NO_ANSWER} for a connection error or a timeout).
 */
public record Answer(String serverId, Instant timestamp, Instant sentAt, Instant answeredAt, int status) {

    public static final int NO_ANSWER = 0;

    /** The server said it stored the report (or had it already). */
    public boolean acknowledged() {
        return status >= 200 && status < 300;
    }

    public ReportKey report() {
        return new ReportKey(serverId, timestamp);
    }
}
