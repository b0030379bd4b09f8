/**
 * JSON (and the YAML of the configuration) on Jackson's streaming layer only. {@code ReportWriter} and
 * {@code ReportReader} are the agent's one mapping of the report, held by a property test to the
 * report model's Jackson mapping that the server reads with; the agent does not share that mapping
 * because jackson-databind costs more resident memory than the agent's bound leaves (measured in
 * docs/performance.md, "Agent footprint").
 */
package io.healthmon.agent.json;
