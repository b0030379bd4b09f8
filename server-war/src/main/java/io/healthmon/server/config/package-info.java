/**
 * Typed configuration, one class per area, the only place that reads MicroProfile Config. Every key
 * lives under {@code healthmon.} and is also settable as an environment variable (MicroProfile maps
 * {@code HEALTHMON_ALERT_CPU_THRESHOLD} to {@code healthmon.alert.cpu-threshold}); the seed's names
 * ({@code cpu_threshold}, {@code disk_threshold}, {@code offline_timeout}) are honoured as fallbacks.
 * A bad value fails with {@link io.healthmon.server.config.InvalidConfigurationException}, naming the key.
 */
package io.healthmon.server.config;
