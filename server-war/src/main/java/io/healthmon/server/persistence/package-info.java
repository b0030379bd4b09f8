/**
 * The adapters that implement the application's storage ports ({@code application.port}): JPA entities
 * and repositories for servers, keys, health, alerts, silences and deliveries ({@code persistence.jpa}),
 * plain JDBC where the SQL matters (the partitioned metrics table, idempotent multi-row inserts, time
 * buckets, a group's health rows, the cluster tables: {@code persistence.jdbc}), and the schema migration
 * run at start-up ({@code persistence.schema}); here, the JSON the database holds ({@code StoredJson}).
 * All of it uses the container resource {@code jdbc/healthmon}. Nothing outside this package uses it.
 */
package io.healthmon.server.persistence;
