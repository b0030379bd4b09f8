/**
 * Plain JDBC on the container's {@code jdbc/healthmon} (the connection joins the JTA transaction like
 * JPA's does), where the SQL matters: {@code ON CONFLICT DO NOTHING} makes ingestion idempotent, a
 * group's health rows are locked in one query and written in one statement ({@code HealthRows}),
 * history reads aggregate into time buckets on the database, the rollups are rolled and read here,
 * retention deletes by SQL, and the cluster's leases and heartbeats live here.
 */
package io.healthmon.server.persistence.jdbc;
