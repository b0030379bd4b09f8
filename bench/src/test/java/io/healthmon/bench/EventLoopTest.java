package io.healthmon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The non-blocking driver against a small scripted HTTP server: several connections each get their
 * answers, every request the server received is counted once, each agent's timestamps increase, and
 * failed requests (malformed or cut-short answers, no answer) count as errors and reopen the connection.
 */
class EventLoopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n{\"accepted\":1}";
    /** Sent in two writes a little apart, so that the client reads it in pieces. */
    private static final String CHUNKED_IN_PIECES = "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n";
    private static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n";
    private static final String CLOSE = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok";
    private static final String NO_ANSWER = null;

    /** The answer to a connection's request (both counted from 0, connections in the order accepted). */
    interface Script {
        String answer(int connection, int request);
    }

    record Received(int connection, String token, String serverId, Instant timestamp) {
    }

    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger accepted = new AtomicInteger();
    /** A request the scripted server could not read (a report it could not parse): the client's fault. */
    private final List<Exception> serverFailures = Collections.synchronizedList(new ArrayList<>());
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private URI serve(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    sockets.add(s);
                    int connection = accepted.getAndIncrement();
                    Thread t = new Thread(() -> answer(s, connection, script));
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException e) {
                // the test closed the server
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    private void answer(Socket s, int connection, Script script) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (int request = 0; ; request++) {
                Map<String, String> headers = new HashMap<>();
                byte[] body = readRequest(in, headers);
                if (body == null) {
                    return; // the client closed the connection
                }
                JsonNode report = JSON.readTree(body);
                received.add(new Received(connection, headers.get("authorization").substring("Bearer ".length()),
                        report.get("server_id").asText(), Instant.parse(report.get("timestamp").asText())));
                String answer = script.answer(connection, request);
                if (answer == NO_ANSWER) {
                    while (in.read() >= 0) {
                        // wait for the client to give up and close
                    }
                    return;
                }
                byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
                if (answer.equals(CHUNKED_IN_PIECES)) {
                    out.write(bytes, 0, 30);
                    out.flush();
                    Thread.sleep(2);
                    out.write(bytes, 30, bytes.length - 30);
                } else {
                    out.write(bytes);
                }
                out.flush();
                if (!List.of(OK, CHUNKED_IN_PIECES, NO_CONTENT).contains(answer)) {
                    return; // closes after Connection: close, and after a malformed or cut-short answer
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            serverFailures.add(e);
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test ended
        }
    }

    /** The request's body, its headers (names lower-cased) into {@code headers}; null at the end of the stream. */
    private static byte[] readRequest(InputStream in, Map<String, String> headers) throws IOException {
        for (String line = line(in); line == null || !line.isEmpty(); line = line(in)) {
            if (line == null) {
                return null;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        return body;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static List<SimulatedAgent> agents(int n) {
        Instant first = Instant.parse("2026-12-02T20:00:00Z");
        List<SimulatedAgent> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            agents.add(new SimulatedAgent("agent-" + i, "key-" + i, first));
        }
        return agents;
    }

    private static void runAll(List<Callable<Void>> loops) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(loops.size());
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> loop : loops) {
                done.add(pool.submit(loop));
            }
            for (Future<Void> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long sum(List<RequestOutcomes> outcomes, java.util.function.ToLongFunction<RequestOutcomes> f) {
        return outcomes.stream().mapToLong(f).sum();
    }

    @Test
    void severalConnectionsOnTwoLoopsEachGetTheirAnswersAndEveryRequestCountsOnce() throws Exception {
        URI uri = serve((connection, request) -> switch (request % 4) {
            case 0 -> OK;
            case 1 -> CHUNKED_IN_PIECES;
            case 2 -> NO_CONTENT;
            default -> CLOSE;
        });
        int connections = 4;
        List<SimulatedAgent> agents = agents(10);
        // Counts below are kept low: on a loaded machine a cold JVM manages few requests in 2 s.
        BenchOptions options = new BenchOptions(uri, "e", "a", agents.size(), connections, Duration.ofSeconds(2),
                Duration.ZERO, Optional.empty(), false, 2, false, Optional.empty());
        long measureFrom = System.nanoTime();
        long end = measureFrom + Duration.ofSeconds(2).toNanos();
        List<RequestOutcomes> outcomes = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            outcomes.add(new RequestOutcomes(measureFrom, end));
        }
        List<Callable<Void>> loops = IngestBenchmark.eventLoops(options,
                IngestBenchmark.agentsByConnection(agents, connections), outcomes, end, 2);
        assertEquals(2, loops.size());

        runAll(loops);

        long ok = sum(outcomes, o -> o.okTotal);
        assertEquals(List.of(), serverFailures);
        assertEquals(0, sum(outcomes, o -> o.errorsTotal));
        assertEquals(received.size(), ok, "each request the server answered counted once");
        for (RequestOutcomes o : outcomes) {
            assertTrue(o.okTotal >= 3, "each connection got answers: " + o.okTotal);
        }
        assertTrue(accepted.get() > connections, "a connection the server closed was reopened: " + accepted.get());
        long measured = sum(outcomes, o -> o.latencies.count());
        assertTrue(measured <= ok && measured >= ok - connections,
                "only each connection's last request, answered after the end, is outside the window: " + measured + " of " + ok);

        Map<String, Instant> last = new HashMap<>();
        synchronized (received) {
            for (Received r : received) {
                assertEquals("key-" + r.serverId().substring("agent-".length()), r.token(), "each agent posts with its own key");
                Instant before = last.put(r.serverId(), r.timestamp());
                assertTrue(before == null || r.timestamp().isAfter(before), r.serverId() + " went back to " + r.timestamp());
            }
        }
        assertEquals(agents.size(), last.size(), "every agent posted");
    }

    @Test
    void malformedAndCutShortAnswersAreErrorsAndTheConnectionIsReopened() throws Exception {
        URI uri = serve((connection, request) -> connection == 0 && request == 0 ? "HTTP/9 what\r\n\r\n"
                : connection == 1 && request == 0 ? "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort" : OK);
        RequestOutcomes outcomes = runOneConnection(uri, Duration.ofMillis(1500), Duration.ofSeconds(30));

        assertEquals(2, outcomes.errorsTotal);
        assertEquals(3, accepted.get(), "one connection for each failure, then one that lasted");
        assertTrue(outcomes.okTotal >= 1, "answers after the failures: " + outcomes.okTotal);
        assertEquals(received.size(), outcomes.okTotal + outcomes.errorsTotal, "each request counted once");
        assertEquals(2, outcomes.measuredNon2xx, "failures inside the window count as non-2xx");
    }

    @Test
    void aRequestWithoutAnswerTimesOutAndTheNextGoesOverANewConnection() throws Exception {
        URI uri = serve((connection, request) -> connection == 0 ? NO_ANSWER : OK);
        RequestOutcomes outcomes = runOneConnection(uri, Duration.ofMillis(2500), Duration.ofMillis(300));

        assertEquals(1, outcomes.errorsTotal);
        assertEquals(2, accepted.get());
        assertTrue(outcomes.okTotal >= 1, "answers after the timeout: " + outcomes.okTotal);
        assertEquals(received.size(), outcomes.okTotal + outcomes.errorsTotal, "each request counted once");
    }

    private static RequestOutcomes runOneConnection(URI uri, Duration length, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        RequestOutcomes outcomes = new RequestOutcomes(start, end);
        URI target = uri.resolve("api/v1/metrics");
        LoopConnection connection = new LoopConnection(new InetSocketAddress(target.getHost(), target.getPort()),
                new PostRequestEncoder(target), agents(3), new ReportFactory(1, false), outcomes, end, timeout.toNanos());
        runAll(List.of(new EventLoop(List.of(connection))));
        return outcomes;
    }
}
