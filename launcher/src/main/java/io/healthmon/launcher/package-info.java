/**
 * The embedded run: one command that starts a PostgreSQL of its own (or uses {@code DATABASE_URL}),
 * Payara Micro with the healthmon WAR (or, with {@code --instances N}, N instances in one cluster on
 * loopback), and an agent for this machine, as child processes; prints the URLs and credentials; keeps
 * them running; and stops them all cleanly on Ctrl-C or SIGTERM. State (database, tokens, agent key and
 * spool, logs) lives in one data directory, so a restart keeps history.
 */
package io.healthmon.launcher;
