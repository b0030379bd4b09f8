package io.healthmon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.agent.spool.Spool;
import io.healthmon.agent.transport.Backoff;
import io.healthmon.agent.transport.FailoverTransport;
import io.healthmon.agent.transport.HttpPoster;
import io.healthmon.agent.transport.HttpTransport;
import io.healthmon.agent.transport.LoopbackServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against a cluster of real HTTP servers on loopback: the spool, the sender and the
 * failover as the agent runs them, one report collected per interval. Time is a clock the test moves
 * (each interval, and each backoff wait); nothing sleeps for real.
 */
class ClusterFailoverTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final Duration FAILBACK = Duration.ofMinutes(5);
    private static final String PROBLEM = "application/problem+json";

    @TempDir
    Path spoolDir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final HttpPoster http = new HttpPoster(null, Duration.ofSeconds(1), Duration.ofSeconds(2));
    private final List<LoopbackServer> servers = new ArrayList<>();
    private final List<String> collected = new ArrayList<>();
    /** The failover's lines: one per switch. */
    private final List<String> switches = new CopyOnWriteArrayList<>();
    /** The sender's backoff waits, in ms. */
    private final List<Long> backoffs = new CopyOnWriteArrayList<>();
    private Spool spool;

    @AfterEach
    void stopServers() {
        servers.forEach(LoopbackServer::close);
    }

    private LoopbackServer server() throws IOException {
        LoopbackServer server = new LoopbackServer();
        servers.add(server);
        return server;
    }

    private AgentService agent(URI... urls) throws IOException {
        List<HttpTransport> transports = new ArrayList<>();
        for (URI url : urls) {
            transports.add(new HttpTransport(http, url, "key"));
        }
        FailoverTransport failover = new FailoverTransport(transports, FAILBACK, clock, new FailoverTransport.SwitchLog() {
            @Override
            public void warn(String line) {
                switches.add("WARN " + line);
            }

            @Override
            public void info(String line) {
                switches.add("INFO " + line);
            }
        });
        spool = new Spool(spoolDir, 10 << 20, Duration.ofDays(7), clock);
        SpoolSender sender = new SpoolSender(spool, failover, new Backoff(2.0, 2, INTERVAL, () -> 0.5), millis -> {
            backoffs.add(millis);
            clock.advance(Duration.ofMillis(millis));
        }, 3);
        return new AgentService(AgentRun.uptimeOnly(clock), spool, sender, clock, millis -> clock.advance(Duration.ofMillis(millis)),
                INTERVAL, 2);
    }

    /** One interval: a report collected (its timestamp is the clock's), and the spool sent with up to two retries. */
    private void cycle(AgentService agent) throws Exception {
        clock.advance(INTERVAL);
        collected.add(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        agent.cycle();
    }

    @Test
    void withTheFirstRefusingAndTheSecondAnswering503EveryReportReachesTheThirdOnceWithoutDelay() throws Exception {
        URI refused = LoopbackServer.closedPort();
        LoopbackServer unavailable = server();
        unavailable.mode(LoopbackServer.Mode.FAILING);
        LoopbackServer third = server();
        AgentService agent = agent(refused, unavailable.url(), third.url());

        for (int i = 0; i < 5; i++) {
            cycle(agent);
        }

        assertEquals(collected, third.receivedTimestamps(), "each report once, in order");
        assertEquals(0, spool.size());
        assertFalse(Files.exists(spoolDir.resolve("rejected")));
        assertEquals(List.of(), backoffs, "no wait: the next server was asked at once");
        assertEquals(1, unavailable.requestCount(), "after the first request the agent stays with the third");
        assertEquals(1, switches.size(), "one line for the switch, not one per report: " + switches);
        assertTrue(switches.get(0).startsWith("WARN sending to " + third.url() + " from now on"), switches.get(0));
    }

    @Test
    void theAgentStaysWithTheServerThatAnsweredAndReturnsToTheFirstAfterTheFailbackPeriod() throws Exception {
        LoopbackServer first = server();
        first.mode(LoopbackServer.Mode.FAILING);
        LoopbackServer second = server();
        AgentService agent = agent(first.url(), second.url());

        cycle(agent);                              // the first fails: to the second
        Instant firstFailed = clock.instant();
        first.mode(LoopbackServer.Mode.UP);        // back, but the agent keeps to the second for a while
        while (clock.instant().plus(INTERVAL).isBefore(firstFailed.plus(FAILBACK))) {
            cycle(agent);
        }
        assertEquals(1, first.requestCount(), "not asked again before the failback period is over");
        assertEquals(collected, second.receivedTimestamps());

        cycle(agent);                              // the period is over: the first again, and it answers
        cycle(agent);
        assertEquals(collected.subList(collected.size() - 2, collected.size()), first.receivedTimestamps());
        assertEquals(collected.subList(0, collected.size() - 2), second.receivedTimestamps(), "the second got no more");
        assertEquals(List.of("WARN sending to " + second.url() + " from now on (" + first.url()
                        + ": server answered 503 (not healthmon's own answer: no content type)); the first server is tried again in 300 s",
                "INFO sending to the first server " + first.url() + " again"), switches);
        assertEquals(0, spool.size());
    }

    @Test
    void aFirstServerStillAwayAfterTheFailbackPeriodIsTriedOnceAndTheAgentStaysWhereItWas() throws Exception {
        URI refused = LoopbackServer.closedPort();
        LoopbackServer second = server();
        AgentService agent = agent(refused, second.url());

        for (int i = 0; i < 12; i++) {             // 12 minutes: the first is tried at 0, 5 and 10
            cycle(agent);
        }

        assertEquals(collected, second.receivedTimestamps());
        assertEquals(List.of(), backoffs);
        assertEquals(3, switches.size(), "the switch and one line per failback that found the first still away: " + switches);
        assertTrue(switches.get(1).startsWith("WARN the first server is still unavailable (" + refused + ": ConnectException"),
                switches.get(1));
        assertTrue(switches.get(1).endsWith("sending to " + second.url() + " as before and trying the first again in 300 s"),
                switches.get(1));
    }

    @Test
    void aProblemJson400FromTheFirstServerIsItsJudgementAndNotSentToTheSecond() throws Exception {
        LoopbackServer first = server();
        first.answer(400, PROBLEM, "{\"status\":400,\"detail\":\"the report is invalid\"}", null);
        LoopbackServer second = server();
        AgentService agent = agent(first.url(), second.url());

        cycle(agent);

        assertEquals(1, first.requestCount());
        assertEquals(0, second.requestCount(), "the second server was not asked");
        assertEquals(0, spool.size());
        try (var rejected = Files.list(spoolDir.resolve("rejected"))) {
            assertEquals(1, rejected.count(), "the report is set aside as rejected");
        }
        assertEquals(List.of(), switches);
    }

    @Test
    void whileEveryServerIsDownTheReportsWaitInTheSpoolAndArriveOnceOneIsBack() throws Exception {
        URI refused = LoopbackServer.closedPort();
        LoopbackServer failing = server();
        failing.mode(LoopbackServer.Mode.FAILING);
        LoopbackServer third = server();
        third.stop();
        AgentService agent = agent(refused, failing.url(), third.url());

        for (int i = 0; i < 4; i++) {
            cycle(agent);
        }
        assertEquals(4, spool.size(), "every report kept");
        assertEquals(8, backoffs.size(), "each cycle: a round of all three servers, then two more, each after backing off");
        assertEquals(12, failing.requestCount(), "every round asked every server");
        assertEquals(List.of(), switches);

        third.restart();
        cycle(agent);

        assertEquals(collected, third.receivedTimestamps(), "all five, once each, oldest first");
        assertEquals(0, spool.size());
        assertEquals(1, switches.size(), switches.toString());
    }
}
