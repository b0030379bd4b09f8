package io.healthmon.agent.systemd;

import io.healthmon.report.FailedService;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks systemctl for the failed units and when each failed: JSON output where systemd supports it
 * (v246 and later), the plain columns otherwise; UTC timestamps where {@code --timestamp=utc} exists
 * (v248 and later), local ones otherwise.
 */
public final class Systemctl {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long an "unavailable" answer is believed before systemctl is asked again. */
    static final Duration RECHECK_UNAVAILABLE = Duration.ofMinutes(5);
    private static final List<String> LIST = List.of("systemctl", "list-units", "--state=failed", "--all", "--no-pager");

    private final CommandRunner runner;
    private final ZoneId localZone;
    private final java.time.Clock clock;
    // What this machine's systemctl turned out to support, so each collection forks it as little as possible.
    private Boolean json;
    private SystemdUnavailableException unavailable;
    private java.time.Instant unavailableUntil = java.time.Instant.MIN;

    public Systemctl(CommandRunner runner, ZoneId localZone) {
        this(runner, localZone, java.time.Clock.systemUTC());
    }

    public Systemctl(CommandRunner runner, ZoneId localZone, java.time.Clock clock) {
        this.runner = runner;
        this.localZone = localZone;
        this.clock = clock;
    }

    /** The failed units; throws {@link SystemdUnavailableException} when systemd does not answer. */
    public List<FailedService> failedServices() throws IOException, InterruptedException {
        if (unavailable != null && clock.instant().isBefore(unavailableUntil)) {
            throw unavailable;
        }
        List<SystemctlParser.Unit> units;
        try {
            units = units();
            unavailable = null;
        } catch (SystemdUnavailableException e) {
            unavailable = e;
            unavailableUntil = clock.instant().plus(RECHECK_UNAVAILABLE);
            throw e;
        }
        List<SystemctlParser.Unit> failed = units.stream().filter(SystemctlParser.Unit::failed).toList();
        if (failed.isEmpty()) {
            return List.of();
        }
        Map<String, Instant> since = stateChanges(failed.stream().map(SystemctlParser.Unit::name).toList());
        List<FailedService> services = new ArrayList<>();
        for (SystemctlParser.Unit unit : failed) {
            services.add(new FailedService(unit.name(), unit.sub().isEmpty() ? "failed" : unit.sub(), since.get(unit.name())));
        }
        return services;
    }

    private List<SystemctlParser.Unit> units() throws IOException, InterruptedException {
        if (!Boolean.FALSE.equals(json)) {
            CommandRunner.Result answer = run(concat(LIST, "--output=json"));
            unavailableIfSo(answer);
            if (answer.exitCode() == 0 && answer.stdout().strip().startsWith("[")) {
                json = true;
                return SystemctlParser.parseJson(answer.stdout());
            }
            json = false; // systemd before v246: plain columns from now on
        }
        CommandRunner.Result plain = run(concat(LIST, "--plain", "--no-legend"));
        unavailableIfSo(plain);
        if (plain.exitCode() != 0) {
            throw new IOException("systemctl list-units exited " + plain.exitCode() + ": " + plain.stderr().strip());
        }
        return SystemctlParser.parsePlain(plain.stdout());
    }

    private Map<String, Instant> stateChanges(List<String> units) throws IOException, InterruptedException {
        List<String> show = new ArrayList<>(List.of("systemctl", "show", "-p", "Id", "-p", "StateChangeTimestamp", "--no-pager"));
        CommandRunner.Result utc = run(concatAll(show, List.of("--timestamp=utc"), units));
        if (utc.exitCode() == 0) {
            return SystemctlParser.parseStateChanges(utc.stdout(), localZone);
        }
        CommandRunner.Result local = run(concatAll(show, List.of(), units));
        return local.exitCode() == 0 ? SystemctlParser.parseStateChanges(local.stdout(), localZone) : Map.of();
    }

    private CommandRunner.Result run(List<String> command) throws IOException, InterruptedException {
        try {
            return runner.run(command, TIMEOUT);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("No such file")) {
                throw new SystemdUnavailableException("systemctl is not installed");
            }
            throw e;
        }
    }

    /** systemd's own words for "not running here": the check is unavailable, not passed. */
    private static void unavailableIfSo(CommandRunner.Result result) {
        String err = result.stderr();
        if (result.exitCode() != 0 && (err.contains("has not been booted with systemd")
                || err.contains("Failed to connect to bus") || err.contains("Failed to get D-Bus connection")
                || err.contains("Host is down"))) {
            throw new SystemdUnavailableException(err.strip().lines().findFirst().orElse("systemd is not running"));
        }
    }

    private static List<String> concat(List<String> base, String... more) {
        return concatAll(base, List.of(more), List.of());
    }

    private static List<String> concatAll(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }
}
