/**
 * Log lines that a flood of requests cannot multiply: a warning that repeats is written once per
 * window and key, and the next one written says how many were held back. What is logged where lives
 * with its feature; only the throttling lives here.
 */
package io.healthmon.server.logging;
