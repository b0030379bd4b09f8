/**
 * The embedded run: one command that starts a PostgreSQL of its own (or uses {@code DATABASE_URL}),
 * Payara Micro with the healthmon WAR, and an agent for this machine, as child processes; prints the
 * URL and credentials; and stops all three cleanly on Ctrl-C or SIGTERM. State (database, tokens,
 * agent key and spool, logs) lives in one data directory, so a restart keeps history.
 */
package io.healthmon.launcher;
