package io.healthmon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmark's HTTP/1.1 connection against a scripted server: framing, keep-alive and reconnection. */
class KeepAliveConnectionTest {

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger accepted = new AtomicInteger();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Answers each request on a connection with the next answer of the script, then closes it when the script ends. */
    private URI serve(String... answers) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        accepted.incrementAndGet();
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                        OutputStream out = s.getOutputStream();
                        for (String answer : answers) {
                            requests.add(readRequest(in));
                            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                        }
                    }
                }
            } catch (IOException e) {
                // the test closed the server
            }
        });
        t.setDaemon(true);
        t.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/v1/metrics");
    }

    private static String readRequest(BufferedReader in) throws IOException {
        StringBuilder head = new StringBuilder();
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            head.append(line).append('\n');
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(body, read, length - read);
        }
        return head + "\n" + new String(body);
    }

    @Test
    void postsOverOneConnectionWhateverTheBodyFraming() throws IOException {
        URI uri = serve(
                "HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n{\"accepted\":1}",
                "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;x=y\r\nabc\r\n0\r\n\r\n",
                "HTTP/1.1 204 No Content\r\n\r\n");
        try (KeepAliveConnection c = new KeepAliveConnection(uri)) {
            assertEquals(200, c.post("key-1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(400, c.post("key-2", "{}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(204, c.post("key-3", "[]".getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(1, accepted.get(), "all three posts share one connection");
        assertTrue(requests.get(0).startsWith("POST /api/v1/metrics HTTP/1.1\n"), requests.get(0));
        assertTrue(requests.get(0).contains("Authorization: Bearer key-1\n"), requests.get(0));
        assertTrue(requests.get(0).endsWith("\n\n{\"a\":1}"), requests.get(0));
        assertTrue(requests.get(1).contains("Authorization: Bearer key-2\n"), requests.get(1));
    }

    @Test
    void opensANewConnectionWhenTheServerClosesOne() throws IOException {
        URI uri = serve("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        try (KeepAliveConnection c = new KeepAliveConnection(uri)) {
            assertEquals(200, c.post("k", new byte[] {'1'}));
            assertEquals(200, c.post("k", new byte[] {'2'}));
        }
        assertEquals(2, accepted.get());
    }

    @Test
    void anAnswerCutShortIsAnErrorAndTheNextPostReconnects() throws IOException {
        URI uri = serve("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort");
        try (KeepAliveConnection c = new KeepAliveConnection(uri)) {
            assertThrows(IOException.class, () -> c.post("k", new byte[] {'1'}));
            assertThrows(IOException.class, () -> c.post("k", new byte[] {'2'}));
        }
        assertEquals(2, accepted.get(), "each failed post closed its connection, the next opened a new one");
    }
}
