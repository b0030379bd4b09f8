/**
 * Version 1 of the HTTP API (DESIGN.md, "HTTP API"): register, metrics, the server's own health, and
 * the operators' read API. Wire names are snake_case, as in the agent's report.
 */
package io.healthmon.server.rest.v1;
