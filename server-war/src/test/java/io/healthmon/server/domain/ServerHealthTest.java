package io.healthmon.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How judging a report changes a server's health value, which the health store then writes back whole. */
class ServerHealthTest {

    private static final Instant REGISTERED = Instant.parse("2026-12-01T00:00:00Z");
    private static final ServerHealth NEVER_SEEN = new ServerHealth(7, "web-1", HealthState.NEVER_SEEN,
            "no report received yet", REGISTERED, REGISTERED, null, REGISTERED, null, null);

    @Test
    void lastSeenIsTheLatestOfEveryTimeHeardFromWhateverTheOrder() {
        qt().forAll(lists().of(integers().between(0, 86_400)).ofSizeBetween(1, 20)).checkAssert(seconds -> {
            ServerHealth health = NEVER_SEEN;
            for (int s : seconds) {
                health = health.heardFrom(REGISTERED.plusSeconds(s));
            }
            assertEquals(REGISTERED.plusSeconds(Collections.max(seconds)), health.lastSeen());
        });
    }

    @Test
    void sinceMovesOnlyWhenTheStateChangesAndEveryClassificationIsDated() {
        Instant t1 = REGISTERED.plusSeconds(60);
        Instant t2 = REGISTERED.plusSeconds(120);
        Instant t3 = REGISTERED.plusSeconds(180);
        ServerHealth healthy = NEVER_SEEN.classified(HealthState.HEALTHY, "", t1);
        ServerHealth stillHealthy = healthy.classified(HealthState.HEALTHY, "", t2);
        ServerHealth warning = stillHealthy.classified(HealthState.WARNING, "cpu 91.0% > 90.0%", t3);

        assertEquals(t1, healthy.since());
        assertEquals(t1, stillHealthy.since());
        assertEquals(t2, stillHealthy.evaluatedAt());
        assertEquals(t3, warning.since());
        assertEquals(t3, warning.evaluatedAt());
        assertEquals("cpu 91.0% > 90.0%", warning.reasons());
    }

    @Test
    void theNewestReportsValuesStandInForItAndAnUnsaidAgentVersionKeepsTheLastOne() {
        Instant collected = REGISTERED.plusSeconds(300);
        List<FailedService> failed = List.of(new FailedService("nginx.service", "failed", null));
        ReportSummary summary = new ReportSummary(collected, 12.5, 40.0, 0.7,
                List.of(DiskUsage.of("/", 100, 20, 20.0), DiskUsage.of("/var", 100, 95, 95.0)), failed);

        ServerHealth reported = NEVER_SEEN.withLatest(ServerHealth.Latest.of(summary), "1.4.0");
        ServerHealth unsaid = reported.withLatest(reported.latest(), null);

        assertEquals(new ServerHealth.Latest(collected, 12.5, 40.0, 0.7, "/var", 95.0, failed), reported.latest());
        assertEquals(collected, reported.latestCollectedAt());
        assertEquals("1.4.0", unsaid.agentVersion());
        // Read back for the classifier, the fullest disk is the only disk it knows of.
        assertEquals(List.of(DiskUsage.of("/var", 0, 0, 95.0)), reported.latest().summary().disks());
        assertNull(NEVER_SEEN.latestCollectedAt());
    }
}
