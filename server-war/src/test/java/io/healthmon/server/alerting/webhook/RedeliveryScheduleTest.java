package io.healthmon.server.alerting.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RedeliveryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final RedeliverySchedule SCHEDULE = new RedeliverySchedule(10, Duration.ofSeconds(10), Duration.ofHours(1));

    @Test
    void delaysDoubleFromTheInitialBackoffWithAtMostTenPercentJitterAndStopAtTheCap() {
        qt().forAll(integers().between(1, 9), longs().all()).checkAssert((attempts, seed) -> {
            long base = Math.min(3600_000L, 10_000L << (attempts - 1));
            Duration delay = Duration.between(NOW, SCHEDULE.next(attempts, NOW, Optional.empty(), new SplittableRandom(seed)).orElseThrow());
            assertTrue(delay.toMillis() >= base && delay.toMillis() <= base + base / 10, attempts + " attempts: " + delay);
        });
    }

    @Test
    void aReceiversRetryAfterIsHonouredUpToTheCapAndNeverShortensTheBackoff() {
        SplittableRandom random = new SplittableRandom(1);
        assertEquals(NOW.plusSeconds(600), SCHEDULE.next(1, NOW, Optional.of(Duration.ofSeconds(600)), random).orElseThrow());
        assertEquals(NOW.plusSeconds(3600), SCHEDULE.next(1, NOW, Optional.of(Duration.ofDays(2)), random).orElseThrow());
        Instant withShortHint = SCHEDULE.next(3, NOW, Optional.of(Duration.ofSeconds(1)), random).orElseThrow();
        assertTrue(!withShortHint.isBefore(NOW.plusSeconds(40)), withShortHint.toString());
    }

    @Test
    void theLastAttemptEndsTheDelivery() {
        assertTrue(SCHEDULE.next(10, NOW, Optional.empty(), new SplittableRandom(1)).isEmpty());
        assertTrue(SCHEDULE.next(9, NOW, Optional.empty(), new SplittableRandom(1)).isPresent());
    }
}
