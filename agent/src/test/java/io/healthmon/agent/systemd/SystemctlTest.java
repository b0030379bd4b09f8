package io.healthmon.agent.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.healthmon.report.FailedService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** systemctl's answers replayed from outputs captured on several systemd versions. */
class SystemctlTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static String fixture(String name) {
        try (InputStream in = SystemctlTest.class.getResourceAsStream("/systemd/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing fixture " + name, e);
        }
    }

    /** A systemctl that answers by the shape of the command, as one systemd version would. */
    private static CommandRunner replay(Function<List<String>, CommandRunner.Result> answers) {
        return (command, timeout) -> answers.apply(command);
    }

    private static CommandRunner.Result ok(String out) {
        return new CommandRunner.Result(0, out, "");
    }

    @Test
    void systemd239HasNoJsonAndNoUtcTimestamps() throws Exception {
        CommandRunner v239 = replay(c -> {
            if (c.contains("list-units")) {
                // 239 ignores --output for list-units and prints its table
                return ok(c.contains("--plain") ? fixture("v239-list-plain.txt") : "UNIT LOAD ACTIVE SUB DESCRIPTION\n...");
            }
            return c.contains("--timestamp=utc") ? new CommandRunner.Result(1, "", fixture("v239-show-utc.stderr"))
                    : ok(fixture("v239-show-local.txt"));
        });
        List<FailedService> failed = new Systemctl(v239, BERLIN).failedServices();
        assertEquals(List.of("httpd.service", "kdump.service"), failed.stream().map(FailedService::name).toList());
        assertEquals(Instant.parse("2024-12-15T09:15:00Z"), failed.get(0).since(), "CET read in the machine's zone");
        assertEquals("failed", failed.get(0).status());
    }

    @Test
    void systemd247MarksFailedUnitsAndSomeHaveNoTimestamp() throws Exception {
        CommandRunner v247 = replay(c -> c.contains("list-units")
                ? (c.contains("--output=json") ? new CommandRunner.Result(1, "", "Unknown output 'json'.") : ok(fixture("v247-list-plain.txt")))
                : ok(fixture("v247-show-utc.txt")));
        List<FailedService> failed = new Systemctl(v247, ZoneId.of("UTC")).failedServices();
        assertEquals(List.of("nginx.service", "backup@daily.timer"), failed.stream().map(FailedService::name).toList());
        assertEquals(Instant.parse("2024-12-15T09:15:00Z"), failed.get(0).since());
        assertNull(failed.get(1).since(), "an empty timestamp is unknown, not the epoch");
    }

    @Test
    void systemd252AnswersInJson() throws Exception {
        CommandRunner v252 = replay(c -> ok(c.contains("list-units") ? fixture("v252-list.json") : fixture("v252-show-utc.txt")));
        List<FailedService> failed = new Systemctl(v252, ZoneId.of("UTC")).failedServices();
        assertEquals(2, failed.size());
        assertEquals(Instant.parse("2024-12-16T00:00:03Z"), failed.get(1).since());
    }

    @Test
    void systemd255WithNothingFailedIsAnEmptyListNotUnknown() throws Exception {
        CommandRunner v255 = replay(c -> ok(fixture("v255-list-empty.json")));
        assertEquals(List.of(), new Systemctl(v255, ZoneId.of("UTC")).failedServices());
    }

    @Test
    void withoutSystemdTheCheckIsUnavailable() {
        CommandRunner none = replay(c -> new CommandRunner.Result(1, "", fixture("no-systemd.stderr")));
        var e = assertThrows(SystemdUnavailableException.class, () -> new Systemctl(none, ZoneId.of("UTC")).failedServices());
        assertTrue(e.getMessage().contains("not been booted with systemd"));
        CommandRunner missing = (c, t) -> {
            throw new IOException("Cannot run program \"systemctl\": error=2, No such file or directory");
        };
        assertThrows(SystemdUnavailableException.class, () -> new Systemctl(missing, ZoneId.of("UTC")).failedServices());
    }

    @Test
    void anUnavailableSystemdIsAskedAgainOnlyAfterAWhile() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        CommandRunner none = (c, t) -> {
            calls.incrementAndGet();
            return new CommandRunner.Result(1, "", fixture("no-systemd.stderr"));
        };
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public java.time.Clock withZone(ZoneId zone) {
                return this;
            }
        };
        Systemctl systemctl = new Systemctl(none, ZoneId.of("UTC"), clock);
        assertThrows(SystemdUnavailableException.class, systemctl::failedServices);
        assertThrows(SystemdUnavailableException.class, systemctl::failedServices);
        assertEquals(1, calls.get(), "the second collection believes the first answer");
        now[0] = now[0].plus(Systemctl.RECHECK_UNAVAILABLE).plusSeconds(1);
        assertThrows(SystemdUnavailableException.class, systemctl::failedServices);
        assertEquals(2, calls.get());
    }

    record GeneratedUnit(String name, String active, String sub) {
    }

    static Gen<GeneratedUnit> units() {
        Gen<String> suffix = Generate.pick(List.of(".service", ".timer", ".mount", ".socket", "@x.service"));
        Gen<String> active = Generate.pick(List.of("active", "failed", "inactive", "activating"));
        Gen<String> sub = Generate.pick(List.of("running", "failed", "dead", "exited", "auto-restart"));
        return integers().between(0, 500).zip(suffix, active, sub, (n, s, a, b) -> new GeneratedUnit("unit" + n + s, a, b));
    }

    @Test
    @DisplayName("Property 2: for any unit list, every failed unit is reported with name and status, and nothing else")
    void property2_failedServiceDetectionIsExact() {
        qt().withExamples(200).forAll(lists().of(units()).ofSizeBetween(0, 30), Generate.booleans()).check((listed, json) -> {
            List<GeneratedUnit> unique = new ArrayList<>(listed.stream()
                    .collect(Collectors.toMap(GeneratedUnit::name, u -> u, (a, b) -> a, java.util.LinkedHashMap::new)).values());
            String output = json ? json(unique) : plain(unique);
            CommandRunner systemctl = replay(c -> c.contains("list-units")
                    ? (json == c.contains("--output=json") ? ok(output) : new CommandRunner.Result(1, "", "Unknown output 'json'."))
                    : ok(""));
            try {
                List<FailedService> reported = new Systemctl(systemctl, ZoneId.of("UTC")).failedServices();
                Map<String, FailedService> byName = reported.stream().collect(Collectors.toMap(FailedService::name, f -> f));
                boolean allFailedIncluded = unique.stream().filter(u -> u.active().equals("failed") || u.sub().equals("failed"))
                        .allMatch(u -> byName.containsKey(u.name()));
                boolean nothingElse = reported.stream().allMatch(f -> unique.stream()
                        .anyMatch(u -> u.name().equals(f.name()) && (u.active().equals("failed") || u.sub().equals("failed"))));
                boolean complete = reported.stream().allMatch(f -> !f.name().isBlank() && !f.status().isBlank());
                return allFailedIncluded && nothingElse && complete;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static String json(List<GeneratedUnit> units) {
        return units.stream().map(u -> "{\"unit\":\"" + u.name() + "\",\"load\":\"loaded\",\"active\":\"" + u.active()
                + "\",\"sub\":\"" + u.sub() + "\",\"description\":\"d " + u.name() + "\"}").collect(Collectors.joining(",", "[", "]"));
    }

    private static String plain(List<GeneratedUnit> units) {
        return units.stream().map(u -> (u.active().equals("failed") ? "\u25cf " : "  ") + u.name() + "  loaded " + u.active()
                + " " + u.sub() + " Some description").collect(Collectors.joining("\n"));
    }
}
