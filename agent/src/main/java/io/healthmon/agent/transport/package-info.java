/**
 * Sending reports: one shared {@code java.net.http} client (gzip, bearer key on every request,
 * connect and request timeouts, TLS trust from the JVM plus an optional CA file), retries with
 * exponential backoff and jitter (honouring Retry-After), and the server's answers as a closed set of
 * outcomes the agent acts on.
 */
package io.healthmon.agent.transport;
