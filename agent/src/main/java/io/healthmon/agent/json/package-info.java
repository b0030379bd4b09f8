/**
 * JSON (and the YAML of the configuration) on Jackson's streaming layer only. The agent leaves out
 * jackson-databind on purpose: its object mapper alone loads about 450 classes, some 10 MB of the
 * agent's resident memory, to write one small report a minute.
 */
package io.healthmon.agent.json;
