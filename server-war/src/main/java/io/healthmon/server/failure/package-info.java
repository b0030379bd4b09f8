/**
 * How failures are told apart: the database away or not answering (retried, answered 503 with
 * Retry-After, logged once a minute) from a fault (500 with an incident id). Plain Java that every
 * layer may use and that uses none of them.
 */
package io.healthmon.server.failure;
