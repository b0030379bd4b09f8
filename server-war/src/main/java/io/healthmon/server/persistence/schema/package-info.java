/**
 * The schema at start-up: Liquibase applies the changelog from the {@code healthmon-liquibase} jar
 * before traffic is accepted (readiness stays DOWN until it has), and the daily partitions of the
 * metrics table are kept a week ahead and dropped after the retention period.
 */
package io.healthmon.server.persistence.schema;
