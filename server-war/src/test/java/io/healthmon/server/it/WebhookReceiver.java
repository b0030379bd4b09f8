package io.healthmon.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.healthmon.server.alerting.webhook.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real webhook receiver on a fixed loopback port (the server under test is configured with it):
 * it records every notice it accepts, with whether its signature checked out, or refuses them all
 * with a status. It can be stopped and started again to play a receiver outage. {@link Hung} is the
 * receiver that accepts and never answers.
 */
final class WebhookReceiver implements AutoCloseable {

    static final String SECRET = "it-webhook-secret-0123456789";

    private final int port;
    private final int answer;
    private final List<Notice> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private WebhookReceiver(int port, int answer) {
        this.port = port;
        this.answer = answer;
    }

    /** A receiver that accepts (204) every notice; not started. */
    static WebhookReceiver accepting(int port) {
        return new WebhookReceiver(port, 204);
    }

    /** A receiver that refuses every notice with {@code status}; not started. */
    static WebhookReceiver refusing(int port, int status) {
        return new WebhookReceiver(port, status);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    synchronized WebhookReceiver start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("port " + port + " is taken; the IT's webhook receivers need it", e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (answer / 100 == 2) {
                String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
                received.add(new Notice(exchange.getRequestHeaders().getFirst("X-Healthmon-Event-Id"),
                        ApiClient.JSON.readTree(body), WebhookSignature.of(SECRET, body).equals(signature)));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
        return this;
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The notices received so far about one server, of the kinds {@code which} takes. */
    List<Notice> about(String serverId, Predicate<Notice> which) {
        return matching(n -> serverId.equals(n.body().path("server_id").asText()) && which.test(n));
    }

    /** The notices received so far that {@code which} takes, whatever their format. */
    List<Notice> matching(Predicate<Notice> which) {
        return received.stream().filter(which).toList();
    }

    /** Waits up to {@code timeout} until {@code count} notices about a server arrived; returns those there are. */
    List<Notice> await(String serverId, Predicate<Notice> which, int count, Duration timeout) throws InterruptedException {
        return await(n -> serverId.equals(n.body().path("server_id").asText()) && which.test(n), count, timeout);
    }

    /** Waits up to {@code timeout} until {@code count} notices that {@code which} takes arrived; returns those there are. */
    List<Notice> await(Predicate<Notice> which, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<Notice> now = matching(which);
        while (now.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            now = matching(which);
        }
        return new ArrayList<>(now);
    }

    /**
     * A receiver that accepts every connection and never answers, like a process stuck behind a live
     * socket: each call to it lasts until the caller gives up.
     */
    static final class Hung implements AutoCloseable {

        private final int port;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private ServerSocket socket;

        Hung(int port) {
            this.port = port;
        }

        String url() {
            return "http://127.0.0.1:" + port + "/hook";
        }

        synchronized Hung start() {
            try {
                socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException("port " + port + " is taken; the IT's hung webhook receiver needs it", e);
            }
            ServerSocket listening = socket;
            Thread acceptor = new Thread(() -> {
                while (!listening.isClosed()) {
                    try {
                        held.add(listening.accept()); // kept open, never read, never answered
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            }, "hung-webhook-receiver-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
            return this;
        }

        /** Connections accepted so far: each is one call the server is (or was) waiting on. */
        int accepted() {
            return accepted.get();
        }

        @Override
        public synchronized void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
                for (Socket s : held) {
                    s.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One accepted notice: the event id header, the JSON body, and whether the HMAC signature matched. */
    record Notice(String eventIdHeader, JsonNode body, boolean signed) {
        String event() {
            return body.path("event").asText();
        }

        String kind() {
            return body.path("kind").asText();
        }

        boolean offline() {
            return "SERVER_OFFLINE".equals(kind());
        }

        String eventId() {
            return body.path("event_id").asText();
        }
    }
}
