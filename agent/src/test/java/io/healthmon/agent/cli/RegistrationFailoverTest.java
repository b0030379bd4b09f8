package io.healthmon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.healthmon.agent.transport.HttpPoster;
import io.healthmon.agent.transport.LoopbackServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code register} along a cluster's servers, over real HTTP on loopback. */
class RegistrationFailoverTest {

    private static final String PROBLEM = "application/problem+json";
    private static final HttpPoster HTTP = new HttpPoster(null, Duration.ofSeconds(2), Duration.ofSeconds(5));

    @TempDir
    Path dir;
    private final List<RegisterEndpoint> endpoints = new ArrayList<>();

    @AfterEach
    void stop() {
        endpoints.forEach(RegisterEndpoint::close);
    }

    private RegisterEndpoint endpoint(int status, String contentType, String body) throws IOException {
        RegisterEndpoint endpoint = new RegisterEndpoint(status, contentType, body);
        endpoints.add(endpoint);
        return endpoint;
    }

    @Test
    void registersWithTheFirstServerThatCanTakeIt() throws Exception {
        URI refused = LoopbackServer.closedPort();
        RegisterEndpoint deploying = endpoint(503, "text/html", "<html>Service Unavailable</html>");
        RegisterEndpoint up = endpoint(201, "application/json", "{\"api_key\":\"k-123\"}");
        Path keyFile = dir.resolve("api-key");

        URI registeredWith = Registration.register(HTTP, List.of(refused, deploying.url(), up.url()), "token", "web-01", keyFile);

        assertEquals(up.url(), registeredWith);
        assertEquals("k-123\n", Files.readString(keyFile));
        assertEquals(1, deploying.requests.get());
        assertEquals(1, up.requests.get());
    }

    @Test
    void theApplicationsRefusalEndsTheRegistrationWithoutAskingTheNext() throws Exception {
        RegisterEndpoint known = endpoint(409, PROBLEM,
                "{\"status\":409,\"detail\":\"server_id 'web-01' is already registered\"}");
        RegisterEndpoint other = endpoint(201, "application/json", "{\"api_key\":\"k-123\"}");
        Path keyFile = dir.resolve("api-key");

        IOException refused = assertThrows(IOException.class,
                () -> Registration.register(HTTP, List.of(known.url(), other.url()), "token", "web-01", keyFile));

        // The launcher reads this shape to re-enrol: "(409) ... server_id 'ID' is already registered".
        assertEquals("the server refused the registration (409): server_id 'web-01' is already registered", refused.getMessage());
        assertEquals(0, other.requests.get(), "the second server was not asked");
        assertFalse(Files.exists(keyFile));
    }

    @Test
    void whenNoServerTakesItTheErrorNamesEach() throws Exception {
        URI refused = LoopbackServer.closedPort();
        RegisterEndpoint failing = endpoint(502, "text/plain", "upstream connect error");

        IOException none = assertThrows(IOException.class,
                () -> Registration.register(HTTP, List.of(refused, failing.url()), "token", "web-01", dir.resolve("api-key")));

        assertTrue(none.getMessage().startsWith("no server took the registration: " + refused + ": ConnectException"),
                none.getMessage());
        assertTrue(none.getMessage().endsWith("; " + failing.url()
                + ": server answered 502 (not healthmon's own answer: text/plain): upstream connect error"), none.getMessage());
    }

    @Test
    void theRegisterCommandUsesTheConfigurationsServersWhenGivenNoServer() throws Exception {
        URI refused = LoopbackServer.closedPort();
        RegisterEndpoint up = endpoint(201, "application/json", "{\"api_key\":\"k-456\"}");
        Path keyFile = dir.resolve("api-key");
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, "agent:\n  server_urls:\n    - \"" + refused + "\"\n    - \"" + up.url() + "\"\n"
                + "  api_key_file: \"" + keyFile + "\"\n");

        int status = AgentMain.run(new String[] {"register", "--token", "t", "--server-id", "web-01", "--config", config.toString()});

        assertEquals(0, status);
        assertEquals("k-456\n", Files.readString(keyFile));
    }

    @Test
    void registersServerFlagTakesSeveralCommaSeparatedServers() throws Exception {
        URI refused = LoopbackServer.closedPort();
        RegisterEndpoint up = endpoint(201, "application/json", "{\"api_key\":\"k-789\"}");
        Path keyFile = dir.resolve("api-key");
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, "agent:\n  server_url: \"https://elsewhere.example.org/\"\n  api_key_file: \"" + keyFile + "\"\n");

        int status = AgentMain.run(new String[] {"register", "--server", refused + "," + up.url(), "--token", "t",
                "--server-id", "web-01", "--config", config.toString()});

        assertEquals(0, status);
        assertEquals("k-789\n", Files.readString(keyFile));
    }

    /** {@code /api/v1/register} answering every request the same. */
    private static final class RegisterEndpoint implements AutoCloseable {
        private final HttpServer server;
        final AtomicInteger requests = new AtomicInteger();

        RegisterEndpoint(int status, String contentType, String body) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/register", exchange -> answer(exchange, status, contentType, body));
            server.start();
        }

        private void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
            try (exchange) {
                requests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", contentType);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
