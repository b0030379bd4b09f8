package io.healthmon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthmon.agent.collect.CollectorRunner;
import io.healthmon.agent.spool.Spool;
import io.healthmon.agent.transport.Backoff;
import io.healthmon.agent.transport.HttpPoster;
import io.healthmon.agent.transport.HttpTransport;
import io.healthmon.agent.transport.LoopbackServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against a real HTTP server on loopback that goes away, fails, stalls and comes back:
 * every report collected meanwhile arrives, in order, none twice, also when the agent itself is
 * restarted during the outage. Time is a clock the test moves; nothing sleeps for real except the
 * stalled request's client timeout.
 */
class OutageTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final HttpPoster http = new HttpPoster(null, Duration.ofSeconds(1), Duration.ofMillis(500));

    private AgentService agent(LoopbackServer server, Path spoolDir) throws Exception {
        CollectorRunner runner = AgentRun.uptimeOnly(clock);
        Spool spool = new Spool(spoolDir, 10 << 20, Duration.ofDays(7), clock);
        SpoolSender sender = new SpoolSender(spool, new HttpTransport(http, server.url(), "key"),
                new Backoff(2.0, 2, Duration.ofSeconds(60), () -> 0.5), millis -> clock.advance(Duration.ofMillis(millis)), 3);
        return new AgentService(runner, spool, sender, clock, millis -> clock.advance(Duration.ofMillis(millis)),
                Duration.ofSeconds(60), 2);
    }

    @Test
    void everyReportCollectedDuringAnOutageArrivesInOrderOnce(@TempDir Path spoolDir) throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            List<String> collected = new ArrayList<>();
            AgentService agent = agent(server, spoolDir);
            cycle(agent, collected);                    // server up

            server.stop();                              // unreachable: connection refused
            cycle(agent, collected);
            cycle(agent, collected);
            server.restart();
            server.mode(LoopbackServer.Mode.FAILING);   // 503 with Retry-After
            cycle(agent, collected);
            server.mode(LoopbackServer.Mode.STALLING);  // answers only after the client's timeout
            server.stallFor(1500);
            cycle(agent, collected);

            AgentService restarted = agent(server, spoolDir); // the agent is killed and started again
            server.stop();
            cycle(restarted, collected);
            server.restart();
            server.mode(LoopbackServer.Mode.UP);
            cycle(restarted, collected);                // back: the spool is replayed oldest first, 3 per request

            assertEquals(7, collected.size());
            assertEquals(collected, server.storedTimestamps());
        }
    }

    /** One interval: the report's timestamp is the clock when it is collected. */
    private void cycle(AgentService agent, List<String> collected) throws Exception {
        clock.advance(Duration.ofSeconds(60));
        collected.add(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        agent.cycle();
    }
}
