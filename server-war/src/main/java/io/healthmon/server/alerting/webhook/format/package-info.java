/**
 * The bodies of alert notices, one format per kind of receiver: healthmon's own JSON ({@code generic}),
 * a Slack incoming-webhook message, and Alertmanager's postable alerts. Each turns an
 * {@link io.healthmon.server.alerting.AlertNotice} and the time of rendering into the bytes posted; they
 * are pure, so the outbox can store a body once and every retry sends the same one. Sending, retries and
 * signatures are not here: they are {@code alerting.webhook}'s, the same for every format.
 */
package io.healthmon.server.alerting.webhook.format;
