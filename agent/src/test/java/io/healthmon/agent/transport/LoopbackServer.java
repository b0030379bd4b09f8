package io.healthmon.agent.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.healthmon.report.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP server on loopback that behaves like healthmon's metrics endpoint (idempotent on server
 * and timestamp, answering each report's fate) and can be told to fail, stall, give a fixed answer or
 * vanish.
 */
public final class LoopbackServer implements AutoCloseable {

    /** UP stores; FAILING answers 503 with Retry-After 1; STALLING answers 503 late; ANSWERING gives {@link #answer}'s. */
    public enum Mode { UP, FAILING, STALLING, ANSWERING }

    private record Answer(int status, String contentType, String body, String retryAfter) {
    }

    private static final ObjectMapper JSON = ReportJson.newMapper();

    /** A loopback URL nothing listens on: connections to it are refused. */
    public static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
    }

    private final Map<String, JsonNode> stored = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.UP;
    private volatile Answer answer;
    private volatile long stallMillis = 3_000;
    private HttpServer server;
    private int port;

    public LoopbackServer() throws IOException {
        start(0);
    }

    private void start(int fixedPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), fixedPort), 0);
        server.createContext("/api/v1/metrics", this::metrics);
        server.start();
        port = server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Gives this answer to every request from now on (a null retryAfter sends no Retry-After). */
    public void answer(int status, String contentType, String body, String retryAfter) {
        this.answer = new Answer(status, contentType, body, retryAfter);
        this.mode = Mode.ANSWERING;
    }

    public void stallFor(long millis) {
        this.stallMillis = millis;
    }

    /** Connection refused from now on, until {@link #restart()}. */
    public void stop() {
        server.stop(0);
    }

    /** Back on the same port. */
    public void restart() throws IOException {
        start(port);
    }

    /** Stored report timestamps in the order they arrived. */
    public List<String> storedTimestamps() {
        synchronized (stored) {
            return stored.values().stream().map(r -> r.get("timestamp").asText()).toList();
        }
    }

    /** The timestamps of every report that reached the store, duplicates included, in the order they came. */
    public List<String> receivedTimestamps() {
        return List.copyOf(received);
    }

    public int requestCount() {
        return authorizations.size();
    }

    public List<String> authorizations() {
        return authorizations;
    }

    private void metrics(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (mode == Mode.FAILING) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            Answer fixed = answer;
            if (mode == Mode.ANSWERING) {
                byte[] bytes = fixed.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", fixed.contentType());
                if (fixed.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", fixed.retryAfter());
                }
                exchange.sendResponseHeaders(fixed.status(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            if (mode == Mode.STALLING) {
                try {
                    Thread.sleep(stallMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            JsonNode tree = JSON.readTree(body);
            List<JsonNode> reports = new ArrayList<>();
            if (tree.isArray()) {
                tree.forEach(reports::add);
            } else {
                reports.add(tree);
            }
            int accepted = 0;
            int duplicates = 0;
            for (JsonNode r : reports) {
                received.add(r.get("timestamp").asText());
                String key = r.get("server_id").asText() + "@" + r.get("timestamp").asText();
                if (stored.putIfAbsent(key, r) == null) {
                    accepted++;
                } else {
                    duplicates++;
                }
            }
            byte[] answer = ("{\"accepted\":" + accepted + ",\"duplicates\":" + duplicates + ",\"rejected\":0}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
