package io.healthmon.server.alerting;

/** An alert resolved; fired inside the transaction, observed after it commits. */
public record AlertResolved(AlertNotice notice) {
}
