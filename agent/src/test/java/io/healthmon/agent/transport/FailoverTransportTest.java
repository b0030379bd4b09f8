package io.healthmon.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.report.MetricsReport;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which answers send the same request on to the next server at once, over real HTTP on loopback: only
 * those that say the server could not take it; the application's judgement stays with the server
 * that gave it.
 */
class FailoverTransportTest {

    static final String PROBLEM = "application/problem+json";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final HttpPoster HTTP = new HttpPoster(null, Duration.ofSeconds(2), Duration.ofSeconds(5));

    private final List<LoopbackServer> servers = new ArrayList<>();
    private final List<String> switches = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(LoopbackServer::close);
    }

    private LoopbackServer server() throws IOException {
        LoopbackServer server = new LoopbackServer();
        servers.add(server);
        return server;
    }

    private FailoverTransport failover(URI... urls) {
        List<HttpTransport> transports = new ArrayList<>();
        for (URI url : urls) {
            transports.add(new HttpTransport(HTTP, url, "key"));
        }
        return new FailoverTransport(transports, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC),
                new FailoverTransport.SwitchLog() {
                    @Override
                    public void warn(String line) {
                        switches.add(line);
                    }

                    @Override
                    public void info(String line) {
                        switches.add(line);
                    }
                });
    }

    private static List<MetricsReport> oneReport() {
        return List.of(MetricsReport.of("web-01", NOW, 12.5, null, List.of(), null, 100L, List.of()));
    }

    @Test
    void serversThatCannotTakeTheRequestArePassedAtOnceToTheOneThatCan() throws Exception {
        URI refused = LoopbackServer.closedPort();
        LoopbackServer deploying = server();
        deploying.answer(404, "text/html", "<html><body>Not Found</body></html>", null);
        LoopbackServer overloaded = server();
        overloaded.answer(503, PROBLEM, "{\"status\":503,\"detail\":\"database unavailable\"}", "10");
        LoopbackServer up = server();

        SendOutcome outcome = failover(refused, deploying.url(), overloaded.url(), up.url()).send(oneReport());

        assertInstanceOf(SendOutcome.Accepted.class, outcome);
        assertEquals(List.of(NOW.toString()), up.receivedTimestamps());
        assertEquals(1, deploying.requestCount());
        assertEquals(1, overloaded.requestCount());
        assertEquals(1, switches.size(), "one line for the switch: " + switches);
        assertTrue(switches.get(0).startsWith("sending to " + up.url() + " from now on (" + refused + ": ConnectException"),
                switches.get(0));
        assertTrue(switches.get(0).contains(deploying.url() + ": server answered 404 (not healthmon's own answer: text/html)"),
                switches.get(0));
        assertTrue(switches.get(0).contains(overloaded.url() + ": server answered 503: database unavailable"), switches.get(0));
    }

    @Test
    void theApplicationsJudgementIsNotAskedOfAnotherServer() throws Exception {
        LoopbackServer judging = server();
        LoopbackServer other = server();
        FailoverTransport failover = failover(judging.url(), other.url());

        judging.answer(400, PROBLEM, "{\"status\":400,\"detail\":\"the report is invalid\"}", null);
        assertInstanceOf(SendOutcome.Rejected.class, failover.send(oneReport()));
        judging.answer(429, PROBLEM, "{\"status\":429,\"detail\":\"too many requests\"}", "30");
        SendOutcome.RetryLater limited = assertInstanceOf(SendOutcome.RetryLater.class, failover.send(oneReport()));
        assertEquals(Duration.ofSeconds(30), limited.retryAfter());
        judging.answer(401, PROBLEM, "{\"status\":401,\"detail\":\"unknown key\"}", null);
        assertInstanceOf(SendOutcome.Unauthorized.class, failover.send(oneReport()));
        judging.answer(404, PROBLEM, "{\"status\":404,\"detail\":\"no such endpoint\"}", null);
        assertInstanceOf(SendOutcome.RetryLater.class, failover.send(oneReport()));

        assertEquals(4, judging.requestCount());
        assertEquals(0, other.requestCount(), "nothing went to the second server");
        assertEquals(List.of(), switches);
    }

    @Test
    void whenNoServerTakesItTheOutcomeNamesEachAndWaitsForTheSoonestRetryAfter() throws Exception {
        URI refused = LoopbackServer.closedPort();
        LoopbackServer soon = server();
        soon.answer(503, "text/html", "<html>busy</html>", "20");
        LoopbackServer later = server();
        later.answer(502, "text/plain", "upstream connect error", "90");

        SendOutcome.Unavailable none = assertInstanceOf(SendOutcome.Unavailable.class,
                failover(later.url(), refused, soon.url()).send(oneReport()));

        assertEquals(Duration.ofSeconds(20), none.retryAfter());
        assertTrue(none.reason().startsWith("none of the 3 servers took the request: " + later.url()
                + ": server answered 502 (not healthmon's own answer: text/plain): upstream connect error; " + refused
                + ": ConnectException"), none.reason());
        assertTrue(none.reason().endsWith("; " + soon.url() + ": server answered 503 (not healthmon's own answer: text/html)"),
                none.reason());
        assertEquals(List.of(), switches, "no server answered, so the agent did not switch");
    }

    @Test
    void withOneServerTheOutcomeIsThatServersOwn() throws Exception {
        LoopbackServer only = server();
        only.answer(503, "text/html", "<html>busy</html>", "7");

        SendOutcome.Unavailable outcome = assertInstanceOf(SendOutcome.Unavailable.class, failover(only.url()).send(oneReport()));

        assertEquals("server answered 503 (not healthmon's own answer: text/html)", outcome.reason());
        assertEquals(Duration.ofSeconds(7), outcome.retryAfter());
    }
}
