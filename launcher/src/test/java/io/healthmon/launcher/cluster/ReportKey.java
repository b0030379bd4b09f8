package io.healthmon.launcher.cluster;

import java.time.Instant;

/** What makes a report one report: ingest is idempotent on the server and the report's timestamp. */
public record ReportKey(String serverId, Instant timestamp) {
}
