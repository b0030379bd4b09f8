/**
 * The healthmon agent: a plain Java program (no container) that collects this machine's health,
 * keeps every report in an on-disk spool until the server acknowledges it, and sends it over HTTPS.
 * Sub-packages by role: {@code cli} (command line), {@code config} (YAML and environment),
 * {@code collect} (one collector per concern behind a seam over OSHI), {@code systemd} (failed units),
 * {@code transport} (HTTP, retries), {@code spool} (durable queue).
 */
package io.healthmon.agent;
