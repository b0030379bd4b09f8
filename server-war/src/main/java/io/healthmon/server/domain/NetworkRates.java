package io.healthmon.server.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Network throughput from the agent's interface counters (bytes since the interface came up). The
 * rate over an interval is the counter's growth divided by the time between the two reports. A
 * counter that went down was reset (host rebooted, interface re-created, a 32-bit counter wrapped),
 * so what happened in that interval is unknown: it has no rate, never a negative or huge one. An
 * uptime that went down means a reboot, so neither counter is trusted across it even if it grew. An
 * interval that is not positive or longer than {@code maxGap} (the agent stopped for a while) has no
 * rate either: an average over hours is not a throughput anyone watched.
 */
public final class NetworkRates {

    private NetworkRates() {
    }

    /** One report's counters for one interface; {@code uptimeSeconds} is the host's, null if unreported. */
    public record Sample(Instant at, Long uptimeSeconds, long received, long sent) {
    }

    /** Bytes per second received and sent; a direction is null when its interval had no rate. */
    public record Rate(Double receivedPerSecond, Double sentPerSecond) {

        public boolean isEmpty() {
            return receivedPerSecond == null && sentPerSecond == null;
        }
    }

    /** One report: when, the host's uptime (null if unreported), and each interface's counters. */
    public record Report(Instant at, Long uptimeSeconds, Map<String, Counters> interfaces) {
    }

    /** An interface's counters in one report. */
    public record Counters(long received, long sent) {
    }

    /** The rate over the interval from {@code previous} to {@code current}, both of the same interface. */
    public static Rate between(Sample previous, Sample current, Duration maxGap) {
        Double seconds = validSeconds(previous.at(), previous.uptimeSeconds(), current.at(), current.uptimeSeconds(), maxGap);
        if (seconds == null) {
            return new Rate(null, null);
        }
        return new Rate(perSecond(previous.received(), current.received(), seconds),
                perSecond(previous.sent(), current.sent(), seconds));
    }

    /**
     * The length of the interval in seconds, or null when it cannot carry a rate: not positive,
     * longer than {@code maxGap}, or across a reboot (uptime went down).
     */
    static Double validSeconds(Instant from, Long uptimeBefore, Instant to, Long uptimeAfter, Duration maxGap) {
        Duration gap = Duration.between(from, to);
        if (gap.isNegative() || gap.isZero() || gap.compareTo(maxGap) > 0) {
            return null;
        }
        if (uptimeBefore != null && uptimeAfter != null && uptimeAfter < uptimeBefore) {
            return null;
        }
        return gap.toNanos() / 1e9;
    }

    private static Double perSecond(long before, long after, double seconds) {
        return after < before ? null : (after - before) / seconds;
    }

    /**
     * The rate at each report of a series ordered by time, for each interface it reports: measured
     * from that interface's previous report in the series (or in {@code before}, the report just
     * before the series, which may be null). An interface without a rate at a report is absent from
     * that report's map.
     */
    public static List<Map<String, Rate>> series(Report before, List<Report> reports, Duration maxGap) {
        Map<String, Sample> last = new HashMap<>();
        if (before != null) {
            remember(before, last);
        }
        List<Map<String, Rate>> out = new ArrayList<>(reports.size());
        for (Report report : reports) {
            Map<String, Rate> rates = new LinkedHashMap<>();
            report.interfaces().forEach((name, counters) -> {
                Sample previous = last.get(name);
                if (previous != null) {
                    Rate rate = between(previous, sample(report, counters), maxGap);
                    if (!rate.isEmpty()) {
                        rates.put(name, rate);
                    }
                }
            });
            remember(report, last);
            out.add(rates);
        }
        return out;
    }

    private static void remember(Report report, Map<String, Sample> last) {
        report.interfaces().forEach((name, counters) -> last.put(name, sample(report, counters)));
    }

    private static Sample sample(Report report, Counters counters) {
        return new Sample(report.at(), report.uptimeSeconds(), counters.received(), counters.sent());
    }

    /**
     * A bucket's rate from its valid intervals: the bytes they added up divided by the seconds they
     * lasted, so a bucket with a reset in it averages the intervals around the reset; null when no
     * interval in the bucket was valid.
     */
    public static Double average(Double bytes, Double seconds) {
        return bytes == null || seconds == null || seconds <= 0 ? null : Math.max(0, bytes) / seconds;
    }
}
