package io.healthmon.agent.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.report.MetricsReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static MetricsReport report(Instant t) {
        return MetricsReport.of("h", t, 1.0, null, List.of(), null, 1L, List.of());
    }

    private static Spool spool(Path dir, long maxBytes, Duration maxAge) throws Exception {
        return new Spool(dir, maxBytes, maxAge, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void reportsComeBackOldestFirstAndSurviveAReopen(@TempDir Path dir) throws Exception {
        Spool first = spool(dir, 1 << 20, Duration.ofDays(7));
        first.add(report(NOW.minusSeconds(10)));
        first.add(report(NOW.minusSeconds(30)));
        first.add(report(NOW.minusSeconds(20)));
        Files.writeString(dir.resolve("000000000000001-000000001.tmp"), "{half a rep"); // a crash mid-write

        Spool reopened = spool(dir, 1 << 20, Duration.ofDays(7));
        List<Instant> order = reopened.oldest(10).stream().map(e -> e.report().timestamp()).toList();
        assertEquals(List.of(NOW.minusSeconds(30), NOW.minusSeconds(20), NOW.minusSeconds(10)), order);
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".tmp")), "an interrupted write is discarded");
    }

    @Test
    void limitsDropTheOldestFirst(@TempDir Path dir) throws Exception {
        Spool spool = spool(dir, 1 << 20, Duration.ofHours(1));
        spool.add(report(NOW.minus(Duration.ofHours(2))));
        spool.add(report(NOW.minusSeconds(60)));
        assertEquals(1, spool.enforceLimits(), "the report older than max_age goes");
        assertEquals(NOW.minusSeconds(60), spool.oldest(1).get(0).report().timestamp());

        long size = Files.size(spool.oldest(1).get(0).file());
        Spool small = spool(dir, size * 2, Duration.ofDays(1));
        small.add(report(NOW.minusSeconds(50)));
        small.add(report(NOW.minusSeconds(40)));
        assertEquals(1, small.enforceLimits(), "over max_bytes, the oldest goes");
        assertEquals(2, small.size());
        assertEquals(NOW.minusSeconds(50), small.oldest(1).get(0).report().timestamp());
    }

    @Test
    void rejectedReportsLeaveTheQueueButStayForInspection(@TempDir Path dir) throws Exception {
        Spool spool = spool(dir, 1 << 20, Duration.ofDays(1));
        Path file = spool.add(report(NOW));
        spool.reject(List.of(file));
        assertEquals(0, spool.size());
        assertTrue(Files.exists(dir.resolve("rejected").resolve(file.getFileName())));
    }
}
