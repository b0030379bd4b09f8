/**
 * The metrics time series in plain JDBC on the container's {@code jdbc/healthmon} (the connection
 * joins the JTA transaction like JPA's does). The SQL is explicit here because it matters:
 * {@code ON CONFLICT DO NOTHING} makes ingestion idempotent, history reads aggregate into time
 * buckets on the database, the rollups are rolled and read here, and retention deletes by SQL.
 */
package io.healthmon.server.persistence.jdbc;
