/**
 * Payara configuration as code: parsing {@code DATABASE_URL} into connection coordinates and rendering
 * the asadmin post-boot commands that create the {@code jdbc/healthmon} pool and resource. Used by the
 * embedded launcher and the test fixtures; no Payara classes are needed here.
 */
package io.healthmon.payara;
