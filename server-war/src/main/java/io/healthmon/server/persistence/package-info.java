/**
 * Storage behind small repository classes: JPA entities for servers, keys, health and alerts
 * ({@code persistence.jpa}), plain JDBC for the metrics time series where the SQL matters (partitioned
 * table, idempotent multi-row inserts, time buckets), and the schema migration run at start-up
 * ({@code persistence.schema}). All of it uses the container resource {@code jdbc/healthmon}.
 */
package io.healthmon.server.persistence;
