package io.healthmon.agent.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * agent/dist/healthmon-agent.service as systemd would take it, checked without systemd as PID 1:
 * {@code systemd-analyze verify} finds nothing wrong, {@code systemd-analyze security} rates its
 * exposure at most 2.0, and the agent (the packaged jar with the unit's JVM flags, collecting and
 * sending one report to a loopback server) makes no system call that the unit's filter refuses, as
 * strace sees it: the sandbox's seccomp filter cannot be applied without systemd, but what it would
 * refuse can be named.
 */
class SystemdUnitIT {

    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: ([0-9.]+)");
    private static final Pattern SYSCALL = Pattern.compile("^\\d+\\s+(?:<\\.\\.\\. )?([a-z0-9_]+)[( ]");

    private static UnitFile unit;

    @BeforeAll
    static void systemdAnalyze() throws IOException {
        assumeTrue(Command.available("systemd-analyze"), "systemd-analyze is missing (Debian's systemd; .ci/run installs it)");
        unit = UnitFile.read();
    }

    @Test
    void verifyFindsNothingWrong() throws Exception {
        Command verify = Command.run(List.of("systemd-analyze", "verify", unit.path().toString()));
        assertEquals(0, verify.exitCode(), verify.output());
        assertEquals("", verify.output().strip(), "systemd-analyze verify says nothing of a sound unit");
    }

    @Test
    void exposureIsAtMostTwo() throws Exception {
        Command security = Command.run(List.of("systemd-analyze", "security", "--offline=yes", "--no-pager",
                unit.path().toString()));
        Matcher level = EXPOSURE.matcher(security.output());
        assertTrue(level.find(), security.output());
        double exposure = Double.parseDouble(level.group(1));
        assertTrue(exposure <= 2.0, "exposure " + exposure + ":\n" + security.output());
    }

    @Test
    void theAgentMakesNoSystemCallTheFilterRefuses(@TempDir Path dir) throws Exception {
        assumeTrue(Command.available("strace"), "strace is missing (Debian's strace; .ci/run installs it)");
        Path jar = Path.of("target/healthmon-agent.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the packaged jar " + jar);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/metrics", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"accepted\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, "agent:\n  server_url: \"http://127.0.0.1:" + server.getAddress().getPort() + "/\"\n"
                    + "  api_key: \"k\"\n  spool:\n    directory: \"" + dir.resolve("spool") + "\"\n");
            Path trace = dir.resolve("strace.out");
            List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", trace.toString(), "--",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            for (String flag : unit.jvmFlags()) {
                if (!flag.startsWith("-XX:SharedArchiveFile=")) { // the installed archive is not here
                    command.add(flag);
                }
            }
            command.addAll(List.of("-jar", jar.toString(), "--once", "--config", config.toString()));
            Command agent = Command.run(command);
            assertEquals(0, agent.exitCode(), agent.output());
            assertTrue(agent.output().contains("report(s) sent: 1 accepted"), agent.output());

            Set<String> used = new TreeSet<>();
            for (String line : Files.readAllLines(trace)) {
                Matcher call = SYSCALL.matcher(line);
                if (call.find()) {
                    used.add(call.group(1));
                }
            }
            assertTrue(used.contains("execve") && used.contains("connect"), "strace saw the agent: " + used);
            Set<String> refused = new TreeSet<>(used);
            refused.removeAll(allowedByTheUnit());
            assertEquals(Set.of(), refused, "system calls the unit's SystemCallFilter refuses");
        } finally {
            server.stop(0);
        }
    }

    /** The unit's filter lines applied in order: the first allows its groups, a "~" line takes its groups away. */
    private static Set<String> allowedByTheUnit() throws Exception {
        Map<String, List<String>> groups = syscallGroups();
        Set<String> allowed = new HashSet<>();
        for (String filter : unit.systemCallFilters()) {
            boolean deny = filter.startsWith("~");
            for (String item : (deny ? filter.substring(1) : filter).trim().split("\\s+")) {
                Set<String> calls = expand(item, groups);
                if (deny) {
                    allowed.removeAll(calls);
                } else {
                    allowed.addAll(calls);
                }
            }
        }
        assertTrue(allowed.contains("read") && !allowed.contains("reboot"), "the filter was read: " + allowed.size());
        return allowed;
    }

    /** {@code systemd-analyze syscall-filter}: each group's members, some of them groups. */
    private static Map<String, List<String>> syscallGroups() throws Exception {
        Command listing = Command.run(List.of("systemd-analyze", "syscall-filter", "--no-pager"));
        Map<String, List<String>> groups = new HashMap<>();
        List<String> members = null;
        for (String line : listing.output().split("\n")) {
            String item = line.strip();
            if (line.startsWith("@")) {
                members = new ArrayList<>();
                groups.put(item, members);
            } else if (members != null && !item.isEmpty() && !item.startsWith("#")) {
                members.add(item);
            }
        }
        return groups;
    }

    private static Set<String> expand(String item, Map<String, List<String>> groups) {
        Set<String> calls = new HashSet<>();
        if (!item.startsWith("@")) {
            calls.add(item);
            return calls;
        }
        for (String member : groups.getOrDefault(item, List.of())) {
            calls.addAll(expand(member, groups));
        }
        return calls;
    }
}
