package io.healthmon.server.rest.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.report.DiskUsage;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.HealthState;
import io.healthmon.server.domain.ServerSnapshot;
import io.healthmon.server.telemetry.Distribution;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetExpositionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private static String expose(ServerSnapshot... servers) throws IOException {
        StringWriter out = new StringWriter();
        FleetExposition.write(List.of(servers), NOW, out);
        return out.toString();
    }

    private static ServerSnapshot reported(String id, HealthState state) {
        return new ServerSnapshot(id, state, NOW.minusSeconds(30), "1.2.3", 16.4, 8_000_000_000L, 2_000_000_000L, 0L, 0L,
                0.5, 0.25, 0.125, 3600L, List.of(new DiskUsage("/var", 100L, 73L, 73.0, "ext4", 1000L, 10L, 1.0)), 2,
                Map.of(AlertKind.HIGH_DISK, 1));
    }

    @Test
    void writesEachServersValuesWithPercentagesAsDecimalRatios() throws IOException {
        String text = expose(reported("web-1", HealthState.WARNING));
        assertTrue(text.contains("healthmon_server_cpu_usage_ratio{server_id=\"web-1\"} 0.164\n"), text);
        assertTrue(text.contains("healthmon_server_disk_usage_ratio{server_id=\"web-1\",mountpoint=\"/var\"} 0.73\n"), text);
        assertTrue(text.contains("healthmon_server_memory_size_bytes{server_id=\"web-1\"} 8000000000\n"), text);
        assertTrue(text.contains("healthmon_server_seconds_since_last_report{server_id=\"web-1\"} 30\n"), text);
        assertTrue(text.contains("healthmon_server_status{server_id=\"web-1\",status=\"warning\"} 1\n"), text);
        assertTrue(text.contains("healthmon_server_status{server_id=\"web-1\",status=\"healthy\"} 0\n"), text);
        assertTrue(text.contains("healthmon_server_open_alerts{server_id=\"web-1\",kind=\"HIGH_DISK\"} 1\n"), text);
        assertTrue(text.contains("healthmon_server_open_alerts{server_id=\"web-1\",kind=\"HIGH_CPU\"} 0\n"), text);
        assertTrue(text.contains("healthmon_fleet_servers{status=\"warning\"} 1\n"), text);
    }

    @Test
    void leavesOutWhatTheNewestReportLacksRatherThanWritingZero() throws IOException {
        ServerSnapshot neverSeen = new ServerSnapshot("new-1", HealthState.NEVER_SEEN, null, null, null, null, null, null,
                null, null, null, null, null, List.of(), null, Map.of());
        String text = expose(neverSeen);
        assertFalse(text.contains("healthmon_server_cpu_usage_ratio{"), text);
        assertFalse(text.contains("healthmon_server_failed_units{"), text);
        assertFalse(text.contains("healthmon_server_seconds_since_last_report{"), text);
        assertTrue(text.contains("healthmon_server_status{server_id=\"new-1\",status=\"never_seen\"} 1\n"), text);
        assertTrue(text.contains("healthmon_server_info{server_id=\"new-1\",agent_version=\"\"} 1\n"), text);
        assertTrue(text.contains("# TYPE healthmon_server_cpu_usage_ratio gauge\n"), "every family is declared: " + text);
    }

    @Test
    void escapesLabelValuesAsTheFormatRequires() {
        assertEquals("{server_id=\"a\\\"b\\\\c\\nd\"}", PrometheusText.labels("server_id", "a\"b\\c\nd"));
        assertEquals("{server_id=\"a\",mountpoint=\"/x \\\"y\\\"\"}",
                PrometheusText.with(PrometheusText.labels("server_id", "a"), "mountpoint", "/x \"y\""));
    }

    @Test
    void writesNumbersGoCanRead() {
        assertEquals("NaN", PrometheusText.number(Double.NaN));
        assertEquals("+Inf", PrometheusText.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.number(Double.NEGATIVE_INFINITY));
        assertEquals("3", PrometheusText.number(3.0));
        assertEquals("0.25", PrometheusText.number(0.25));
        assertEquals("1.0E20", PrometheusText.number(1e20));
    }

    @Test
    void writesAHistogramWithCumulativeBucketsInfSumAndCount() throws IOException {
        Distribution d = new Distribution("healthmon_x_seconds", "An example.", 0.5, 1);
        d.observe(0.2);
        d.observe(0.7);
        d.observe(3);
        StringWriter out = new StringWriter();
        InstanceExposition.write(List.of(d), out);
        assertEquals("""
                # HELP healthmon_x_seconds An example.
                # TYPE healthmon_x_seconds histogram
                healthmon_x_seconds_bucket{le="0.5"} 1
                healthmon_x_seconds_bucket{le="1"} 2
                healthmon_x_seconds_bucket{le="+Inf"} 3
                healthmon_x_seconds_sum 3.9
                healthmon_x_seconds_count 3
                """, out.toString());
    }
}
