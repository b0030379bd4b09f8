package io.healthmon.server.alerting;

/** An alert opened; fired inside the transaction, observed after it commits. */
public record AlertOpened(AlertNotice notice) {
}
