/**
 * Webhooks from a durable outbox: every alert change becomes one row per configured receiver in the
 * same transaction, its body rendered then in the receiver's format ({@code alerting.webhook.format}).
 * Each receiver has a delivery lane of its own (one call at a time, its own circuit breaker) on a
 * managed thread: it claims its due rows with a lease in a short transaction, posts them with no
 * connection or lock held, and records each result in another short transaction, retrying with
 * exponential backoff until the receiver answers 2xx or the attempts run out (then FAILED, visible in
 * the alerts API). A dead receiver holds only its own lane. Bodies are signed with HMAC-SHA256 when a
 * secret is configured. Alertmanager receivers also get the open alerts again on a timer
 * ({@code AlertmanagerRepeat}), straight and unretried, as Alertmanager expects of its clients.
 */
package io.healthmon.server.alerting.webhook;
