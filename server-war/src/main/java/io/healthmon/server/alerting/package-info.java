/**
 * Alerting: which conditions a report (or a silence) raises, how an alert opens once and resolves
 * once without flapping ({@link io.healthmon.server.domain.AlertLifecycle}, pure), the engine that
 * applies that to stored alerts inside the ingestion transaction, and the facts it publishes
 * ({@code AlertOpened}, {@code AlertResolved}) to notifiers observing after commit. Webhook delivery
 * from the durable outbox lives in {@code alerting.webhook}.
 */
package io.healthmon.server.alerting;
