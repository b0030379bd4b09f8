/**
 * The durable spool: every report is a file here before it is sent and is deleted only once the
 * server has acknowledged it. Files are written to a temporary name, flushed to disk and renamed, so
 * a crash or power cut leaves whole reports or none. Bounded by size and age, oldest dropped first.
 */
package io.healthmon.agent.spool;
