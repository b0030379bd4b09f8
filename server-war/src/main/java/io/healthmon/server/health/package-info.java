/**
 * MicroProfile Health probes, one class per check: liveness (the JVM answers), readiness (the database
 * answers and the schema is applied) and started (the first migration attempt has finished).
 */
package io.healthmon.server.health;
