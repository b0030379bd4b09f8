package io.healthmon.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.healthmon.server.domain.HistoryLevel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryBucketsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration RAW = Duration.ofDays(30);
    private static final Duration FIVE_MINUTES = Duration.ofDays(90);

    private static HistoryBuckets.Plan plan(Instant from, Instant to) {
        long expected = Duration.between(from, to).toSeconds() / 60;
        return HistoryBuckets.plan(from, to, NOW, expected, FleetQueries.MAX_POINTS, RAW, FIVE_MINUTES);
    }

    @Test
    void shortRangesReadReportsADayOrMoreReadsRollupsAndAMonthReadsHourlyOnes() {
        assertEquals(new HistoryBuckets.Plan(HistoryLevel.RAW, 0), plan(NOW.minus(Duration.ofHours(1)), NOW));
        assertEquals(new HistoryBuckets.Plan(HistoryLevel.RAW, 120), plan(NOW.minus(Duration.ofHours(24)), NOW));
        assertEquals(new HistoryBuckets.Plan(HistoryLevel.FIVE_MINUTES, 300), plan(NOW.minus(Duration.ofHours(48)), NOW));
        assertEquals(new HistoryBuckets.Plan(HistoryLevel.FIVE_MINUTES, 900), plan(NOW.minus(Duration.ofDays(7)), NOW));
        assertEquals(new HistoryBuckets.Plan(HistoryLevel.HOURLY, 3600), plan(NOW.minus(Duration.ofDays(30)), NOW));
        assertEquals(new HistoryBuckets.Plan(HistoryLevel.HOURLY, 86400), plan(NOW.minus(Duration.ofDays(365)), NOW));
    }

    @Test
    void aRangeOlderThanALevelsRetentionReadsTheNextCoarserLevel() {
        Instant from = NOW.minus(Duration.ofDays(40));
        assertEquals(new HistoryBuckets.Plan(HistoryLevel.FIVE_MINUTES, 300), plan(from, from.plus(Duration.ofHours(1))));
        Instant older = NOW.minus(Duration.ofDays(100));
        assertEquals(new HistoryBuckets.Plan(HistoryLevel.HOURLY, 3600), plan(older, older.plus(Duration.ofHours(1))));
    }

    @Test
    void anyRangeGetsFewPointsOnWholeBucketsOfItsLevelAndAMonthOrMoreNeverReadsReports() {
        qt().withExamples(1000).forAll(longs().between(0, 500L * 86_400), longs().between(60, 500L * 86_400))
                .checkAssert((ago, length) -> {
                    Instant from = NOW.minusSeconds(ago);
                    Instant to = from.plusSeconds(length);
                    HistoryBuckets.Plan p = plan(from, to);
                    if (p.bucketSeconds() > 0) {
                        assertTrue(length / p.bucketSeconds() <= FleetQueries.MAX_POINTS, p.toString());
                        assertEquals(0, p.bucketSeconds() % Math.max(1, p.level().bucketSeconds()), p.toString());
                    }
                    if (length >= Duration.ofDays(30).toSeconds() || from.isBefore(NOW.minus(RAW))) {
                        assertNotEquals(HistoryLevel.RAW, p.level(), p.toString());
                    }
                    if (from.isBefore(NOW.minus(FIVE_MINUTES))) {
                        assertEquals(HistoryLevel.HOURLY, p.level(), p.toString());
                    }
                });
    }
}
