package io.healthmon.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.ReportJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** INODES_HIGH: per mountpoint, like HIGH_DISK, with its own threshold and overrides. */
class InodeRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static DiskUsage disk(String mountpoint, double used, Double inodes) {
        return new DiskUsage(mountpoint, 100L, (long) used, used, "ext4", inodes == null ? null : 1000L,
                inodes == null ? null : (long) (inodes * 10), inodes);
    }

    private static MetricsReport report(List<DiskUsage> disks) throws Exception {
        ObjectMapper json = ReportJson.newMapper();
        return json.readValue("""
                {"server_id":"web-1","timestamp":"2026-06-01T12:00:00Z","cpu_usage":10,"disk_usage":%s}
                """.formatted(json.writeValueAsString(disks)), MetricsReport.class);
    }

    @Test
    void eachMountpointWithCountedInodesIsAConditionAgainstItsOwnThreshold() throws Exception {
        ThresholdOverrides overrides = new ThresholdOverrides(null, null, Map.of(), 95.0, Map.of("/var/spool", 99.0));
        Thresholds thresholds = overrides.over(AlertRules.DEFAULTS);
        List<Condition> conditions = Conditions.of(report(List.of(disk("/", 40, 96.0), disk("/var/spool", 40, 97.0),
                disk("/mnt/nfs", 40, null))), thresholds, Set.of());
        List<Condition> inodes = conditions.stream().filter(c -> c.kind() == AlertKind.INODES_HIGH).toList();
        assertEquals(List.of(new Condition(AlertKind.INODES_HIGH, "/", 96.0, 95.0),
                new Condition(AlertKind.INODES_HIGH, "/var/spool", 97.0, 99.0)), inodes,
                "no condition where inodes were not counted, so an unknown never resolves an alert");
        assertTrue(inodes.get(0).breaches());
        assertTrue(!inodes.get(1).breaches());
        assertEquals(90.0, ThresholdOverrides.NONE.over(AlertRules.DEFAULTS).inodes().apply("/"), "the default is 90 %");
    }

    @Test
    void inodesAboveTheThresholdMakeTheServerWarningWithAReason() {
        ReportSummary summary = new ReportSummary(NOW, 10.0, 50.0, 0.1, List.of(disk("/", 40, 93.5)), List.of());
        Classification c = HealthClassifier.classify(NOW, summary, AlertRules.DEFAULTS, NOW);
        assertEquals(HealthState.WARNING, c.state());
        assertEquals(List.of("inodes / 93.5% > 90.0%"), c.reasons());
        ReportSummary calm = new ReportSummary(NOW, 10.0, 50.0, 0.1, List.of(disk("/", 40, 89.0)), List.of());
        assertEquals(HealthState.HEALTHY, HealthClassifier.classify(NOW, calm, AlertRules.DEFAULTS, NOW).state());
    }

    @Test
    void anInodeAlertResolvesWithTheSameHysteresisAsADiskAlert() {
        AlertLifecycle lifecycle = new AlertLifecycle(5, 2);
        assertInstanceOf(AlertLifecycle.Step.Open.class, lifecycle.next(false, 0, new Condition(AlertKind.INODES_HIGH, "/", 91, 90)));
        // 88 is under the threshold but inside the band: stays open, no clear streak.
        assertEquals(new AlertLifecycle.Step.Stay(0), lifecycle.next(true, 0, new Condition(AlertKind.INODES_HIGH, "/", 88, 90)));
        assertEquals(new AlertLifecycle.Step.Stay(1), lifecycle.next(true, 0, new Condition(AlertKind.INODES_HIGH, "/", 80, 90)));
        assertInstanceOf(AlertLifecycle.Step.Resolve.class, lifecycle.next(true, 1, new Condition(AlertKind.INODES_HIGH, "/", 80, 90)));
        assertEquals(Duration.ofSeconds(300), AlertRules.DEFAULTS.offlineTimeout());
    }
}
