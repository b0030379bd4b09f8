package io.healthmon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.healthmon.agent.collect.CollectorRunner;
import io.healthmon.agent.spool.Spool;
import io.healthmon.agent.transport.Backoff;
import io.healthmon.agent.transport.HttpPoster;
import io.healthmon.agent.transport.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review's server restart (issue 31), over a real socket: Payara is up but the application not
 * yet deployed, so the metrics URL answers Payara's HTML 404 page for a while, then the server's
 * batch answer. The agent runs as in production (its two threads, HTTP on loopback); only time is
 * the test's: collections and backoff waits move or record a clock instead of sleeping.
 */
class ServerRestartTest {

    private static final String PAYARA_404 = """
            <!DOCTYPE html>
            <html><head><title>Payara Micro #badassfish - Error report</title><style type="text/css"><!--H1 \
            {font-family:Tahoma,Arial,sans-serif;color:white;background-color:#525D76;font-size:22px;} --></style></head>
            <body><h1>HTTP Status 404 - Not Found</h1><hr/><p><b>type</b> Status report</p><p><b>message</b>Not Found</p>
            <p><b>description</b>The requested resource is not available.</p><hr/><h3>Payara Micro #badassfish</h3>
            </body></html>""";
    private static final int NOT_DEPLOYED_REQUESTS = 4;
    private static final int REPORTS = 5;
    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @Test
    void everyReportSentWhilePayaraAnswersItsHtml404IsDeliveredAndNoneRejected(@TempDir Path spoolDir) throws Exception {
        try (DeployingServer server = new DeployingServer(NOT_DEPLOYED_REQUESTS, REPORTS)) {
            MutableClock clock = new MutableClock(START);
            CollectorRunner runner = AgentRun.uptimeOnly(clock);
            Spool spool = new Spool(spoolDir, 10 << 20, Duration.ofDays(7), clock);
            HttpTransport transport = new HttpTransport(new HttpPoster(null, Duration.ofSeconds(2), Duration.ofSeconds(5)),
                    server.url(), "key");
            List<Long> backoffWaits = new CopyOnWriteArrayList<>();
            SpoolSender sender = new SpoolSender(spool, transport, new Backoff(2.0, 3, INTERVAL, () -> 0.5),
                    backoffWaits::add, 100);
            AtomicInteger collections = new AtomicInteger();
            AgentService agent = new AgentService(runner, spool, sender, clock, millis -> {
                if (collections.incrementAndGet() == REPORTS) {
                    new CountDownLatch(1).await(); // all collected: wait here until stopped
                }
                clock.advance(Duration.ofMillis(millis));
            }, INTERVAL, 3);

            AgentRun running = AgentRun.start(agent);
            boolean delivered = server.stored.await(20, TimeUnit.SECONDS);
            running.stopAndCheckItEnded();

            assertTrue(delivered, "every report reached the deployed application; stored: " + server.timestamps);
            assertEquals(NOT_DEPLOYED_REQUESTS, server.notFound.get(), "the agent met Payara's 404 page");
            assertEquals(NOT_DEPLOYED_REQUESTS, backoffWaits.size(), "and backed off after each");
            List<String> collected = new ArrayList<>();
            for (int i = 0; i < REPORTS; i++) {
                collected.add(START.plus(INTERVAL.multipliedBy(i)).toString());
            }
            assertEquals(collected, server.timestamps, "each report once, oldest first");
            assertEquals(0, spool.size());
            assertFalse(Files.exists(spoolDir.resolve("rejected")), "nothing rejected");
        }
    }

    /** Payara's HTML 404 for the first requests, as while the application deploys; then healthmon's answer. */
    private static final class DeployingServer implements AutoCloseable {

        private static final ObjectMapper JSON = new ObjectMapper();

        private final HttpServer server;
        private final int notDeployedRequests;
        final AtomicInteger notFound = new AtomicInteger();
        final List<String> timestamps = new CopyOnWriteArrayList<>();
        final CountDownLatch stored;

        DeployingServer(int notDeployedRequests, int reports) throws IOException {
            this.notDeployedRequests = notDeployedRequests;
            this.stored = new CountDownLatch(reports);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::answer);
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] request;
                try (InputStream body = new GZIPInputStream(exchange.getRequestBody())) {
                    request = body.readAllBytes();
                }
                if (notFound.get() < notDeployedRequests) {
                    notFound.incrementAndGet();
                    send(exchange, 404, "text/html;charset=ISO-8859-1", PAYARA_404);
                    return;
                }
                JsonNode tree = JSON.readTree(request);
                StringBuilder results = new StringBuilder();
                for (JsonNode report : tree.isArray() ? tree : List.of(tree)) {
                    String timestamp = report.get("timestamp").asText();
                    timestamps.add(timestamp);
                    results.append(results.length() == 0 ? "" : ",")
                            .append("{\"timestamp\":\"").append(timestamp).append("\",\"status\":\"stored\"}");
                    stored.countDown();
                }
                int k = tree.isArray() ? tree.size() : 1;
                send(exchange, 200, "application/json",
                        "{\"accepted\":" + k + ",\"duplicates\":0,\"rejected\":0,\"results\":[" + results + "]}");
            }
        }

        private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
