/**
 * Sending reports: one POST at a time over the JDK's {@code HttpURLConnection} (gzip, bearer key on
 * every request, connect and request timeouts, TLS trust from the operator's CA file or the JVM's authorities, and optional key pins), the
 * server's answers as a closed set of outcomes the agent acts on (only healthmon's application, in
 * problem+json, may reject a report), the failover along a cluster's instances for a request one
 * instance could not take, and the backoff between tries. Retrying later belongs to the spool's
 * sender, not here.
 */
package io.healthmon.agent.transport;
