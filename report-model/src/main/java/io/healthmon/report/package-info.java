/**
 * The agent's report as it travels on the wire, field for field the seed's "Metrics Data Structure",
 * plus fields added since (swap, network, inodes, collection errors). Both the agent and the server
 * use these records, so the wire format has one definition. Fields may be added here, never renamed;
 * unknown fields are ignored on reading, so an older server accepts a newer agent. Validation
 * constraints describe what the server accepts; nothing here talks to a network or a database.
 */
package io.healthmon.report;
