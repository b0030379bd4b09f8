/**
 * The agent's configuration: the seed's YAML ({@code agent.server_url}, {@code api_key},
 * {@code collection_interval}, {@code retry_attempts}, {@code retry_backoff}) plus a cluster's server
 * list ({@code server_urls}, {@code failback_after}), spool, HTTP, TLS and disk settings, with
 * {@code ${VAR}} expansion and an environment variable for every key overriding the file. Every problem
 * is a {@link io.healthmon.agent.config.ConfigException} that names the key, or the variable that set it.
 */
package io.healthmon.agent.config;
