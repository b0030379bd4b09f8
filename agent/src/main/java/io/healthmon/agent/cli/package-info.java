/**
 * The command line and the running agent: flags, the register command, the collection loop, and
 * the one-line-per-event log on stdout that the journal keeps.
 */
package io.healthmon.agent.cli;
