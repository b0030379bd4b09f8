package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting for an instance to be ready and, in a cluster, to see every member, against a stand-in probe. */
class ReadinessTest {

    @TempDir
    Path dir;

    @Test
    void theMemberCountIsReadFromTheServersReadinessData() {
        // As healthmon's DatabaseReadinessCheck answers through Payara's MicroProfile Health.
        assertEquals(Optional.of(2), Readiness.members("{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\","
                + "\"data\":{\"reachable\":true,\"schema\":\"applied\",\"members\":2}}]}"));
        assertEquals(Optional.empty(), Readiness.members("{\"status\":\"UP\",\"checks\":[]}"));
    }

    @Test
    void aMemberThatSeesFewerThanAllIsNotYetPartOfTheWholeGrid() throws Exception {
        HttpServer probe = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        String[] members = {"1"};
        probe.createContext("/health/ready", exchange -> {
            byte[] body = ("{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\",\"data\":{\"members\":"
                    + members[0] + "}}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        probe.start();
        ChildProcess server = ChildProcess.start("server", List.of("/bin/sh", "-c", "sleep 60"), Map.of(), dir.resolve("server.log"));
        try {
            URI base = URI.create("http://127.0.0.1:" + probe.getAddress().getPort() + "/");
            Readiness readiness = new Readiness();

            assertTrue(readiness.await(base, server, Duration.ofSeconds(5)), "one instance waits for readiness only");
            assertFalse(readiness.await(base, server, 2, Duration.ofSeconds(2)), "one of two members is not the whole grid");
            assertEquals(Optional.of(1), readiness.lastMembers());

            members[0] = "2";
            assertTrue(readiness.await(base, server, 2, Duration.ofSeconds(5)));
        } finally {
            server.stop(5);
            probe.stop(0);
        }
    }
}
