package io.healthmon.bench;

import java.time.Instant;

/**
 * One simulated agent: its server id, its key, and the timestamp of its next report. Each agent is
 * driven by one connection only, so its timestamps increase strictly without locking.
 */
final class SimulatedAgent {

    final String serverId;
    final String apiKey;
    private Instant next;

    SimulatedAgent(String serverId, String apiKey, Instant firstTimestamp) {
        this.serverId = serverId;
        this.apiKey = apiKey;
        this.next = firstTimestamp;
    }

    /** The timestamp for the next report: one millisecond after the previous one. */
    Instant nextTimestamp() {
        Instant t = next;
        next = next.plusMillis(1);
        return t;
    }
}
