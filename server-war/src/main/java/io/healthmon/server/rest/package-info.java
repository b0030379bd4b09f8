/**
 * The HTTP API (v1) with JAX-RS: thin resources that parse and check input, call one application
 * service and map its result; DTO records for what goes out; {@code rest.security} for the key and
 * token filters and rate limits; {@code rest.problem} for RFC 9457 problem+json errors. Nothing
 * internal (stack traces, SQL, class names) leaves this package in a response.
 */
package io.healthmon.server.rest;
