package io.healthmon.server.rest.prometheus;

import io.healthmon.report.DiskUsage;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.HealthState;
import io.healthmon.server.domain.ServerSnapshot;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The fleet's newest values as Prometheus metrics, one family after another, each with a sample per
 * server (labelled {@code server_id}) that has the value. Percentages are written as ratios (0 to 1), as
 * Prometheus's conventions ask; a value the newest report lacks is left out, not written as zero.
 */
public final class FleetExposition {

    /** A per-server value: name, help, and how to read it (null: no sample). */
    private record Gauge(String name, String help, Function<ServerSnapshot, Number> value) {
    }

    private static final List<Gauge> SERVER_GAUGES = List.of(
            new Gauge("healthmon_server_last_seen_timestamp_seconds",
                    "When the server's newest report arrived, in seconds since the Unix epoch.",
                    s -> s.lastSeen() == null ? null : s.lastSeen().toEpochMilli() / 1000.0),
            new Gauge("healthmon_server_cpu_usage_ratio", "CPU in use, 0 to 1, as the newest report gave it.",
                    s -> ratio(s.cpuUsage())),
            new Gauge("healthmon_server_memory_size_bytes", "Memory, in bytes.", ServerSnapshot::memoryTotal),
            new Gauge("healthmon_server_memory_used_bytes", "Memory in use, in bytes.", ServerSnapshot::memoryUsed),
            new Gauge("healthmon_server_swap_size_bytes", "Swap, in bytes.", ServerSnapshot::swapTotal),
            new Gauge("healthmon_server_swap_used_bytes", "Swap in use, in bytes.", ServerSnapshot::swapUsed),
            new Gauge("healthmon_server_load1", "Load average over 1 minute.", ServerSnapshot::load1),
            new Gauge("healthmon_server_load5", "Load average over 5 minutes.", ServerSnapshot::load5),
            new Gauge("healthmon_server_load15", "Load average over 15 minutes.", ServerSnapshot::load15),
            new Gauge("healthmon_server_uptime_seconds", "Time since the server booted, in seconds.",
                    ServerSnapshot::uptimeSeconds),
            new Gauge("healthmon_server_failed_units",
                    "systemd units in the failed state (no sample when the agent could not ask systemd).",
                    ServerSnapshot::failedUnits));

    /** A per-mountpoint value. */
    private record DiskGauge(String name, String help, Function<DiskUsage, Number> value) {
    }

    private static final List<DiskGauge> DISK_GAUGES = List.of(
            new DiskGauge("healthmon_server_disk_size_bytes", "File system size, in bytes.", DiskUsage::total),
            new DiskGauge("healthmon_server_disk_used_bytes", "File system space in use, in bytes.", DiskUsage::used),
            new DiskGauge("healthmon_server_disk_usage_ratio", "File system space in use, 0 to 1, as the agent computed it.",
                    d -> ratio(d.percentage())),
            new DiskGauge("healthmon_server_disk_inodes", "File system inodes.", DiskUsage::inodesTotal),
            new DiskGauge("healthmon_server_disk_inodes_used", "File system inodes in use.", DiskUsage::inodesUsed));

    private FleetExposition() {
    }

    /** Writes every family for these servers; {@code now} dates the seconds since each one's last report. */
    public static void write(List<ServerSnapshot> servers, Instant now, Writer out) throws IOException {
        PrometheusText text = new PrometheusText(out);
        String[] labels = servers.stream().map(s -> PrometheusText.labels("server_id", s.serverId())).toArray(String[]::new);
        fleet(servers, text);
        info(servers, labels, text);
        status(servers, labels, text);
        text.family("healthmon_server_seconds_since_last_report", "gauge",
                "Seconds from the server's newest report to this scrape.");
        for (int i = 0; i < servers.size(); i++) {
            Instant seen = servers.get(i).lastSeen();
            if (seen != null) {
                text.sample("healthmon_server_seconds_since_last_report", labels[i],
                        Math.max(0, Duration.between(seen, now).toMillis()) / 1000.0);
            }
        }
        for (Gauge gauge : SERVER_GAUGES) {
            text.family(gauge.name(), "gauge", gauge.help());
            for (int i = 0; i < servers.size(); i++) {
                write(text, gauge.name(), labels[i], gauge.value().apply(servers.get(i)));
            }
        }
        for (DiskGauge gauge : DISK_GAUGES) {
            text.family(gauge.name(), "gauge", gauge.help());
            for (int i = 0; i < servers.size(); i++) {
                for (DiskUsage disk : servers.get(i).disks()) {
                    write(text, gauge.name(), PrometheusText.with(labels[i], "mountpoint", disk.mountpoint()),
                            gauge.value().apply(disk));
                }
            }
        }
        alerts(servers, labels, text);
    }

    private static void fleet(List<ServerSnapshot> servers, PrometheusText text) throws IOException {
        Map<HealthState, Integer> counts = new EnumMap<>(HealthState.class);
        servers.forEach(s -> counts.merge(s.state(), 1, Integer::sum));
        text.family("healthmon_fleet_servers", "gauge", "Servers by status.");
        for (HealthState state : HealthState.values()) {
            text.sample("healthmon_fleet_servers", PrometheusText.labels("status", label(state)), counts.getOrDefault(state, 0));
        }
    }

    private static void info(List<ServerSnapshot> servers, String[] labels, PrometheusText text) throws IOException {
        text.family("healthmon_server_info", "gauge", "1 for each server, labelled with its agent's version.");
        for (int i = 0; i < servers.size(); i++) {
            String version = servers.get(i).agentVersion();
            text.sample("healthmon_server_info", PrometheusText.with(labels[i], "agent_version", version == null ? "" : version), 1);
        }
    }

    /** A state set: one sample per status, 1 for the server's own and 0 for the others. */
    private static void status(List<ServerSnapshot> servers, String[] labels, PrometheusText text) throws IOException {
        text.family("healthmon_server_status", "gauge",
                "The server's status as a state set: 1 for its status (healthy, warning, down, never_seen), 0 for the others.");
        for (int i = 0; i < servers.size(); i++) {
            for (HealthState state : HealthState.values()) {
                text.sample("healthmon_server_status", PrometheusText.with(labels[i], "status", label(state)),
                        servers.get(i).state() == state ? 1 : 0);
            }
        }
    }

    private static void alerts(List<ServerSnapshot> servers, String[] labels, PrometheusText text) throws IOException {
        text.family("healthmon_server_open_alerts", "gauge", "Open alerts of the server, by kind.");
        for (int i = 0; i < servers.size(); i++) {
            for (AlertKind kind : AlertKind.values()) {
                text.sample("healthmon_server_open_alerts", PrometheusText.with(labels[i], "kind", kind.name()),
                        servers.get(i).openAlerts(kind));
            }
        }
    }

    private static void write(PrometheusText text, String name, String labels, Number value) throws IOException {
        if (value instanceof Long || value instanceof Integer) {
            text.sample(name, labels, value.longValue());
        } else if (value != null) {
            text.sample(name, labels, value.doubleValue());
        }
    }

    /** A percentage as a ratio, in decimal: 16.4 becomes 0.164, not the binary quotient 0.16399999999999998. */
    private static Double ratio(Double percentage) {
        return percentage == null ? null : BigDecimal.valueOf(percentage).movePointLeft(2).doubleValue();
    }

    private static String label(HealthState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
