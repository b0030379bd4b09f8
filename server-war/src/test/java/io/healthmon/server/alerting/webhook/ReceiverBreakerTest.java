package io.healthmon.server.alerting.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceiverBreakerTest {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void opensAfterTheGivenUnansweredCallsInARowAndAllowsOneTrialAfterTheDelay() {
        ReceiverBreaker breaker = new ReceiverBreaker(3, Duration.ofSeconds(60));
        breaker.record(false, T);
        breaker.record(false, T);
        assertTrue(breaker.allowsCallAt(T), "two unanswered calls are not yet an outage");
        breaker.record(false, T);
        assertFalse(breaker.allowsCallAt(T.plusSeconds(59)));
        assertEquals(Optional.of(T.plusSeconds(60)), breaker.openUntil());
        assertTrue(breaker.allowsCallAt(T.plusSeconds(60)), "a trial is due");
    }

    @Test
    void aFailedTrialReopensAtOnceAndAnAnsweredOneCloses() {
        ReceiverBreaker breaker = new ReceiverBreaker(3, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            breaker.record(false, T);
        }
        breaker.record(false, T.plusSeconds(61));
        assertFalse(breaker.allowsCallAt(T.plusSeconds(100)), "one failed trial reopens it");
        breaker.record(true, T.plusSeconds(121));
        assertTrue(breaker.allowsCallAt(T.plusSeconds(121)));
        assertEquals(Optional.empty(), breaker.openUntil());
        breaker.record(false, T.plusSeconds(122));
        assertTrue(breaker.allowsCallAt(T.plusSeconds(122)), "closing starts the count afresh");
    }

    @Test
    void answersBetweenFailuresKeepItClosed() {
        ReceiverBreaker breaker = new ReceiverBreaker(2, Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            breaker.record(false, T);
            breaker.record(true, T);
        }
        assertTrue(breaker.allowsCallAt(T));
    }
}
