package io.healthmon.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a user of {@code ./healthmon --instances N} sees of a launched cluster, checked at once (these
 * are the preconditions of everything the cluster test does after them): the banner, each instance's
 * readiness and cluster API counting every member at its loopback grid port, Payara's own account of
 * the grid in each server log, the agent configured with every instance and its report readable from
 * any of them, and what the grid shares seen from the other instance on the very next request.
 */
public final class UserChecks {

    /** Payara's own account of the grid, logged by each member whenever a member joins or leaves. */
    public static final String GRID_SIZE = "DG Name: healthmon DG Size: ";

    private UserChecks() {
    }

    /** The banner, readiness, the cluster API, the server logs and the agent's configuration, for every instance. */
    public static void assertStartedAsOneCluster(LaunchedCluster cluster, HealthmonHttp http, String operator)
            throws IOException, InterruptedException {
        int n = cluster.instances();
        String output = cluster.output();
        assertTrue(output.contains("healthmon is running: " + n + " server instances in one cluster"), output);
        assertTrue(output.contains("the " + n + " instances form one grid"), output);
        StringBuilder agentUrls = new StringBuilder("  server_urls:\n");
        for (int i = 1; i <= n; i++) {
            String name = LaunchedCluster.instanceName(i);
            URI base = cluster.instanceUrl(i);
            assertTrue(output.contains(name + ":       " + base), "the banner names each instance with its URL:\n" + output);
            agentUrls.append("    - \"").append(base).append("\"\n");

            JsonAnswer ready = http.get(base, "health/ready", null);
            assertEquals(200, ready.status(), name + " is ready: " + ready);
            assertEquals(n, ready.json().at("/checks/0/data/members").asInt(), name + "'s readiness counts every member: " + ready);
            assertClusterApi(cluster, http, operator, i);

            String serverLog = Files.readString(cluster.serverLog(i));
            assertTrue(serverLog.contains(GRID_SIZE + n), name + " counts " + n + " members:\n" + tail(serverLog));
            for (int member = 1; member <= n; member++) {
                assertTrue(serverLog.contains("Address: /127.0.0.1:" + cluster.gridPort(member)),
                        name + " sees " + LaunchedCluster.instanceName(member) + " at its loopback grid port:\n" + tail(serverLog));
            }
        }
        String agentConfig = Files.readString(cluster.dataFile("agent/agent.yaml"));
        assertTrue(agentConfig.contains(agentUrls), "the agent knows every instance:\n" + agentConfig);
    }

    /** Instance {@code i}'s {@code GET /api/v1/cluster}: itself marked, every member by name at its grid port. */
    private static void assertClusterApi(LaunchedCluster cluster, HealthmonHttp http, String operator, int instance)
            throws InterruptedException {
        String name = LaunchedCluster.instanceName(instance);
        JsonAnswer answer = http.get(cluster.instanceUrl(instance), "api/v1/cluster", operator);
        assertEquals(200, answer.status(), answer.toString());
        JsonNode view = answer.json();
        assertEquals(name, view.path("this_instance").asText(), answer.toString());
        assertTrue(view.path("grid").asBoolean(), answer.toString());
        JsonNode members = view.path("members");
        assertEquals(cluster.instances(), members.size(), answer.toString());
        for (int i = 0; i < members.size(); i++) {
            JsonNode member = members.get(i);
            assertEquals(LaunchedCluster.instanceName(i + 1), member.path("name").asText(), answer.toString());
            assertEquals("127.0.0.1:" + cluster.gridPort(i + 1), member.path("address").asText(), answer.toString());
            assertEquals(name.equals(member.path("name").asText()), member.path("this_instance").asBoolean(), answer.toString());
        }
        assertTrue(view.path("duties").isArray(), answer.toString());
    }

    /** The first server with a report that instance {@code i} lists: the agent's, sent to whichever instance. */
    public static JsonNode awaitAgentReportReadFrom(LaunchedCluster cluster, HealthmonHttp http, int instance, String operator,
                                                    Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            JsonAnswer servers = http.get(cluster.instanceUrl(instance), "api/v1/servers", operator);
            assertEquals(200, servers.status(), servers.toString());
            for (JsonNode server : servers.json().path("servers")) {
                if (server.has("latest")) {
                    return server;
                }
            }
            assertTrue(cluster.isAlive(), "the launcher exited:\n" + cluster.output());
            Thread.sleep(1000);
        }
        return fail("no agent report within " + within.toSeconds() + " s; agent log:\n"
                + Files.readString(cluster.dataFile("logs/agent.log")));
    }

    /**
     * What the grid and the database share, seen from instance {@code b} on the very next request: a
     * threshold set through {@code a} judges the next report {@code b} stores; a key revoked through
     * {@code a} is refused by {@code b}.
     */
    public static void assertSharedStateSeenAtOnce(HealthmonHttp http, URI a, URI b, String operator, String enrollment,
                                                   String serverId) throws IOException, InterruptedException {
        JsonAnswer registered = http.send(a, "POST", "api/v1/register", enrollment, "{\"server_id\":\"" + serverId + "\"}");
        assertEquals(201, registered.status(), registered.toString());
        String key = registered.json().path("api_key").asText();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

        assertEquals(200, http.send(a, "PUT", "api/v1/servers/" + serverId + "/thresholds", operator, "{\"cpu\":40}").status());
        assertEquals(200, http.send(b, "POST", "api/v1/metrics", key, HealthmonHttp.report(serverId, t, 50)).status());
        JsonNode open = http.get(b, "api/v1/alerts?state=open&server=" + serverId, operator).json().path("alerts");
        assertEquals(1, open.size(), "CPU 50 against the threshold of 40 set through the other instance: " + open);
        assertEquals("HIGH_CPU", open.get(0).path("kind").asText(), open.toString());

        long keyId = registered.json().path("key_id").asLong();
        assertEquals(200, http.send(a, "DELETE", "api/v1/servers/" + serverId + "/keys/" + keyId, operator, null).status());
        JsonAnswer refused = http.send(b, "POST", "api/v1/metrics", key, HealthmonHttp.report(serverId, t.plusSeconds(1), 10));
        assertEquals(401, refused.status(), "the key revoked through the other instance: " + refused);
    }

    /**
     * {@code count} requests with a key no server has, alternating over the instances: the statuses in
     * order. The failed-authentication budget per address is a grid bucket, as the per-key rate limit's
     * are: shared, it is spent after its burst whichever instance saw the failures; per instance, no
     * instance would refuse before it had seen a whole burst itself. It leaves this address refused
     * for a while: the last thing a test does.
     */
    public static int[] failedAuthentications(LaunchedCluster cluster, HealthmonHttp http, int count) throws InterruptedException {
        int[] statuses = new int[count];
        String report = HealthmonHttp.report("nobody", Instant.now().truncatedTo(ChronoUnit.SECONDS), 10);
        for (int i = 0; i < count; i++) {
            URI base = cluster.instanceUrl(1 + i % cluster.instances());
            statuses[i] = http.send(base, "POST", "api/v1/metrics", "hm_not-a-key-of-anyone", report).status();
        }
        return statuses;
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
