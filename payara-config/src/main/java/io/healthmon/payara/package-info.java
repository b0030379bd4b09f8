/**
 * Payara configuration as code: parsing {@code DATABASE_URL} into connection coordinates, rendering
 * the asadmin post-boot commands that create the {@code jdbc/healthmon} pool and resource, and Payara
 * Micro's cluster flags from {@code HEALTHMON_CLUSTER_*}. Used by the embedded launcher, the server's
 * systemd unit and the test fixtures; no Payara classes are needed here.
 */
package io.healthmon.payara;
