package io.healthmon.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEALTHMON_CLUSTER_* and HEALTHMON_INSTANCE_NAME into Payara Micro 6's flags, and the refusals. */
class ClusterEnvironmentTest {

    @Test
    void withoutAClusterNameAnInstanceRunsWithoutTheGridAsBefore() {
        assertEquals(List.of("--nohazelcast"), ClusterEnvironment.flags(Map.of()).arguments());
        assertEquals(List.of("--nohazelcast"), ClusterEnvironment.flags(Map.of(ClusterEnvironment.NAME, " ")).arguments());
        // Payara Micro 6.2025.10 ignores --name without the grid (its instance is "payara-micro" then).
        assertEquals(List.of("--nohazelcast"), ClusterEnvironment.flags(Map.of(ClusterEnvironment.INSTANCE_NAME, "web-a")).arguments());
    }

    @Test
    void aMemberListBecomesTcpipDiscoveryWithEachSettingAsItsFlag() {
        ClusterFlags flags = ClusterEnvironment.flags(Map.of(
                "HEALTHMON_CLUSTER_NAME", "healthmon",
                "HEALTHMON_CLUSTER_MEMBERS", "10.0.1.5:5900, hm-b.internal:5900",
                "HEALTHMON_CLUSTER_INTERFACES", "10.0.1.*",
                "HEALTHMON_CLUSTER_START_PORT", "5900",
                "HEALTHMON_INSTANCE_NAME", "hm-a",
                "HEALTHMON_CLUSTER_HOST_AWARE", "FALSE"));
        assertEquals(List.of("--clustername", "healthmon", "--clustermode", "tcpip:10.0.1.5:5900,hm-b.internal:5900",
                "--interfaces", "10.0.1.*", "--startport", "5900", "--name", "hm-a", "--nohostaware"), flags.arguments());
    }

    @Test
    void aDnsNameBecomesDnsDiscoveryAndHostAwarenessStaysPayarasDefault() {
        ClusterFlags flags = ClusterEnvironment.flags(Map.of(
                "HEALTHMON_CLUSTER_NAME", "healthmon",
                "HEALTHMON_CLUSTER_DNS", "healthmon-headless.monitoring.svc.cluster.local:5900"));
        assertEquals(List.of("--clustername", "healthmon", "--clustermode", "dns:healthmon-headless.monitoring.svc.cluster.local:5900"),
                flags.arguments());
        assertEquals(flags, ClusterEnvironment.flags(Map.of(
                "HEALTHMON_CLUSTER_NAME", "healthmon",
                "HEALTHMON_CLUSTER_DNS", "healthmon-headless.monitoring.svc.cluster.local:5900",
                "HEALTHMON_CLUSTER_HOST_AWARE", "true")));
    }

    @Test
    void membersAndDnsTogetherAreRefusedNamingBoth() {
        String message = refused(Map.of("HEALTHMON_CLUSTER_NAME", "hm", "HEALTHMON_CLUSTER_MEMBERS", "a:5900",
                "HEALTHMON_CLUSTER_DNS", "b:5900"));
        assertTrue(message.contains("HEALTHMON_CLUSTER_MEMBERS") && message.contains("HEALTHMON_CLUSTER_DNS"), message);
    }

    @Test
    void aClusterNameWithoutAWayToFindTheOthersIsRefused() {
        String message = refused(Map.of("HEALTHMON_CLUSTER_NAME", "hm"));
        assertTrue(message.contains("HEALTHMON_CLUSTER_MEMBERS") && message.contains("HEALTHMON_CLUSTER_DNS"), message);
    }

    @Test
    void aClusterSettingWithoutAClusterNameIsRefusedRatherThanRunAlone() {
        for (String setting : List.of("HEALTHMON_CLUSTER_MEMBERS", "HEALTHMON_CLUSTER_DNS", "HEALTHMON_CLUSTER_INTERFACES",
                "HEALTHMON_CLUSTER_START_PORT", "HEALTHMON_CLUSTER_HOST_AWARE")) {
            String message = refused(Map.of(setting, "x"));
            assertTrue(message.startsWith(setting + " is set but HEALTHMON_CLUSTER_NAME is not"), message);
        }
    }

    @Test
    void eachBadValueIsRefusedNamingItsVariable() {
        Map<String, Map<String, String>> cases = Map.of(
                "HEALTHMON_CLUSTER_NAME", Map.of("HEALTHMON_CLUSTER_NAME", "my cluster", "HEALTHMON_CLUSTER_MEMBERS", "a:1"),
                "HEALTHMON_INSTANCE_NAME", Map.of("HEALTHMON_INSTANCE_NAME", "a=b"),
                "HEALTHMON_CLUSTER_MEMBERS", Map.of("HEALTHMON_CLUSTER_NAME", "hm", "HEALTHMON_CLUSTER_MEMBERS", "a:5900,b"),
                "HEALTHMON_CLUSTER_DNS", Map.of("HEALTHMON_CLUSTER_NAME", "hm", "HEALTHMON_CLUSTER_DNS", "svc.local:99999"),
                "HEALTHMON_CLUSTER_INTERFACES", Map.of("HEALTHMON_CLUSTER_NAME", "hm", "HEALTHMON_CLUSTER_MEMBERS", "a:1",
                        "HEALTHMON_CLUSTER_INTERFACES", "10.0.300.1"),
                "HEALTHMON_CLUSTER_START_PORT", Map.of("HEALTHMON_CLUSTER_NAME", "hm", "HEALTHMON_CLUSTER_MEMBERS", "a:1",
                        "HEALTHMON_CLUSTER_START_PORT", "59OO"),
                "HEALTHMON_CLUSTER_HOST_AWARE", Map.of("HEALTHMON_CLUSTER_NAME", "hm", "HEALTHMON_CLUSTER_MEMBERS", "a:1",
                        "HEALTHMON_CLUSTER_HOST_AWARE", "no"));
        cases.forEach((variable, env) -> {
            String message = refused(env);
            assertTrue(message.startsWith(variable), variable + ": " + message);
        });
        assertTrue(refused(Map.of("HEALTHMON_CLUSTER_NAME", "hm", "HEALTHMON_CLUSTER_MEMBERS", "a:5900,,b:5900"))
                .startsWith("HEALTHMON_CLUSTER_MEMBERS"), "an empty entry in the list");
        assertTrue(refused(Map.of("HEALTHMON_CLUSTER_NAME", "hm", "HEALTHMON_CLUSTER_MEMBERS", "a:1",
                "HEALTHMON_CLUSTER_INTERFACES", "10.0.1")).startsWith("HEALTHMON_CLUSTER_INTERFACES"), "three parts");
    }

    @Test
    void theFlagsFileHoldsOneVariableThatSplitsIntoTheFlags(@TempDir Path dir) throws Exception {
        ClusterFlags flags = ClusterEnvironment.flags(Map.of("HEALTHMON_CLUSTER_NAME", "healthmon",
                "HEALTHMON_CLUSTER_MEMBERS", "10.0.1.5:5900,10.0.1.6:5900", "HEALTHMON_INSTANCE_NAME", "hm-a"));
        Path file = ClusterEnvironment.writeFlagsFile(dir.resolve("run/cluster.env"), flags);

        List<String> assignments = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(1, assignments.size(), assignments.toString());
        String line = assignments.get(0);
        assertTrue(line.startsWith("PAYARA_MICRO_CLUSTER_FLAGS=\"") && line.endsWith("\""), line);
        String value = line.substring(line.indexOf('"') + 1, line.length() - 1);
        // systemd (and a shell) split the unquoted $PAYARA_MICRO_CLUSTER_FLAGS at whitespace.
        assertEquals(flags.arguments(), List.of(value.split("\\s+")));

        Process shell = new ProcessBuilder("/bin/sh", "-c", ". \"$0\" && printf '%s\\n' $PAYARA_MICRO_CLUSTER_FLAGS", file.toString())
                .redirectErrorStream(true).start();
        List<String> words = new String(shell.getInputStream().readAllBytes()).lines().toList();
        assertEquals(0, shell.waitFor());
        assertEquals(flags.arguments(), words, "a shell that sources the file gets the same flags");
    }

    private static String refused(Map<String, String> env) {
        return assertThrows(IllegalArgumentException.class, () -> ClusterEnvironment.flags(env)).getMessage();
    }
}
