/**
 * Webhooks from a durable outbox: every alert change becomes one row per configured receiver in the
 * same transaction, and a timer (nudged after each commit) posts due rows, retrying each receiver on
 * its own with exponential backoff until it answers 2xx or the attempts run out (then FAILED, visible
 * in the alerts API). Bodies are signed with HMAC-SHA256 when a secret is configured.
 */
package io.healthmon.server.alerting.webhook;
