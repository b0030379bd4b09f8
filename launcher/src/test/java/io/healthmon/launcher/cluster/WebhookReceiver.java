package io.healthmon.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.healthmon.testsupport.cluster.LocalPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on loopback that records every POST it gets and answers 204: the event id (from
 * the {@code X-Healthmon-Event-Id} header, else the body), the event, the server and the time, so a
 * test can count how often each notice arrived.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One notice as it arrived. */
    public record Notice(String eventId, String event, String serverId, String kind, Instant receivedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Notice> notices = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), LocalPorts.free()), 50);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/hook", receiver::record);
        server.start();
        return receiver;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Notice> notices() {
        return List.copyOf(notices);
    }

    /** How many times the notice with this event id arrived. */
    public long count(String eventId) {
        return notices.stream().filter(n -> n.eventId().equals(eventId)).count();
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String header = exchange.getRequestHeaders().getFirst("X-Healthmon-Event-Id");
            notices.add(new Notice(header != null ? header : body.path("event_id").asText(), body.path("event").asText(),
                    body.path("server_id").asText(), body.path("kind").asText(), Instant.now()));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
