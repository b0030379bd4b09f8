/**
 * Fixtures for integration tests: one real PostgreSQL per test JVM, chosen by what the machine offers,
 * and the Payara post-boot file that points the server's {@code jdbc/healthmon} at it. Nothing here is
 * a mock: tests that use it talk to a real database.
 */
package io.healthmon.testsupport;
