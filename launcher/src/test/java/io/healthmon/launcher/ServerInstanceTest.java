package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What --instances N turns into: each instance's ports, directories, heap and Payara Micro cluster flags. */
class ServerInstanceTest {

    private static final Path DATA = Path.of("/srv/hm");

    @Test
    void oneInstanceIsTheServerAsItAlwaysWasWithoutTheGrid() {
        List<ServerInstance> one = ServerInstance.plan(options("--port", "8080", "--https-port", "8443"));

        assertEquals(1, one.size());
        ServerInstance server = one.get(0);
        assertEquals(List.of("--nohazelcast"), server.cluster().arguments());
        assertEquals(DATA.resolve("run/payara"), server.rootDir());
        assertEquals(DATA.resolve("logs/server.log"), server.log());
        assertEquals("768m", server.maxHeap());
        assertEquals("the server", server.label());
        assertFalse(server.clustered());
        assertEquals(URI.create("http://127.0.0.1:8080/"), server.base());
        assertEquals(Optional.of(URI.create("https://127.0.0.1:8443/")), server.secureBase());
        assertEquals(List.of(new PortCheck.Use(8080, "the HTTP port", "--port"), new PortCheck.Use(8443, "the HTTPS port", "--https-port")),
                server.ports(), "no grid port");
    }

    @Test
    void severalInstancesAreMembersOfOneLoopbackClusterOnConsecutivePorts() {
        List<ServerInstance> three = ServerInstance.plan(options("--instances", "3", "--port", "8080", "--https-port", "8443",
                "--grid-port", "5900"));

        assertEquals(List.of("healthmon-1", "healthmon-2", "healthmon-3"), three.stream().map(ServerInstance::name).toList());
        ServerInstance second = three.get(1);
        assertEquals(List.of("--clustername", "healthmon", "--clustermode", "tcpip:127.0.0.1:5900,127.0.0.1:5901,127.0.0.1:5902",
                "--interfaces", "127.0.0.1", "--startport", "5901", "--name", "healthmon-2", "--nohostaware"),
                second.cluster().arguments());
        assertEquals(URI.create("http://127.0.0.1:8081/"), second.base());
        assertEquals(Optional.of(URI.create("https://127.0.0.1:8444/")), second.secureBase());
        assertEquals(DATA.resolve("run/payara-2"), second.rootDir());
        assertEquals(DATA.resolve("logs/server-2.log"), second.log());
        assertEquals("512m", second.maxHeap());
        assertEquals("the server healthmon-2", second.label());
        assertEquals(List.of(new PortCheck.Use(8081, "the HTTP port of healthmon-2", "--port"),
                new PortCheck.Use(8444, "the HTTPS port of healthmon-2", "--https-port"),
                new PortCheck.Use(5901, "the grid port of healthmon-2", "--grid-port")), second.ports());
        for (ServerInstance each : three) {
            assertTrue(each.cluster().arguments().contains("tcpip:127.0.0.1:5900,127.0.0.1:5901,127.0.0.1:5902"),
                    "every member lists all: " + each.cluster().arguments());
        }
    }

    @Test
    void theBannerNamesEveryInstanceWithItsUrlAndStaysAsItWasForOne() {
        StoredCredentials credentials = new StoredCredentials("enrol-token", "operator-token", "db-password");

        String one = Banner.text(ServerInstance.plan(options()), credentials, DATA);
        assertEquals("""

                ================================================================
                 healthmon is running
                   Dashboard:         http://127.0.0.1:8080/
                   API:               http://127.0.0.1:8080/api/v1/servers
                   Operator token:    operator-token
                   Enrollment token:  enrol-token
                   Data directory:    /srv/hm
                 Use the operator token as 'Authorization: Bearer <token>'.
                 Press Ctrl-C to stop.
                ================================================================
                """, one);

        String two = Banner.text(ServerInstance.plan(options("--instances", "2", "--https-port", "8443")), credentials, DATA);
        assertTrue(two.contains("""
                 healthmon is running: 2 server instances in one cluster
                   healthmon-1:       https://127.0.0.1:8443/
                   healthmon-2:       https://127.0.0.1:8444/
                   Dashboard:         https://127.0.0.1:8443/
                """), two);
    }

    private static LauncherOptions options(String... args) {
        return LauncherOptions.parse(args, Map.of("HEALTHMON_HOME", DATA.toString()));
    }
}
