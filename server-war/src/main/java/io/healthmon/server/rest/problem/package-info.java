/**
 * Errors as RFC 9457 problem+json: one record for the body, and exception mappers that name the
 * field and the rule for bad input, map a database outage to 503 with Retry-After, and answer
 * anything unexpected with a bare 500 and an incident id that is also in the log.
 */
package io.healthmon.server.rest.problem;
