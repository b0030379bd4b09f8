/**
 * The cluster: Payara Micro's Domain Data Grid for what every instance must see at once (the key
 * cache, rate-limit buckets, threshold changes), and leases in PostgreSQL for the duties one instance
 * does for all (offline detection, partition maintenance, the webhook outbox sweep, the disk forecast),
 * with {@code DutyTimer}, the timer such work runs on. Alone (started with {@code --nohazelcast}) the
 * same calls work in this instance's memory.
 */
package io.healthmon.server.cluster;
