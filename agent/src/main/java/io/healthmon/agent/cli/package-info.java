/**
 * The command line and the running agent: flags, the register command, the collection schedule and
 * the thread that sends the spool, and the one-line-per-event log on stdout that the journal keeps.
 */
package io.healthmon.agent.cli;
