/**
 * The ingest benchmark: simulated agents posting realistic reports to a running server, with
 * throughput and latency figures printed, and a check that every 2xx answer is a stored row. It
 * measures; it asserts nothing about speed (that is for the reader of its figures).
 */
package io.healthmon.bench;
