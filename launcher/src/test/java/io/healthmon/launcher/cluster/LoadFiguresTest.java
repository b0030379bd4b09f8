package io.healthmon.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures ClusterIT judges the kill by, on answers made up for the purpose. */
class LoadFiguresTest {

    private static final Instant KILL = Instant.parse("2026-12-06T10:00:20Z");
    private static final Instant END = Instant.parse("2026-12-06T10:01:00Z");

    private static Answer answeredAt(Instant at, int status) {
        return new Answer("s", at, at.minusMillis(5), at, status);
    }

    @Test
    void theLongestGapAfterTheKillIsBetweenTwoAcknowledgementsWhenTheyResume() {
        LoadFigures figures = LoadFigures.of(List.of(
                answeredAt(KILL.minusMillis(100), 200),
                answeredAt(KILL.plusMillis(300), 200),
                answeredAt(KILL.plusMillis(1000), 502),
                answeredAt(KILL.plusMillis(3300), 200),
                answeredAt(END.minusMillis(500), 200)), KILL, END);

        assertEquals(Duration.ofMillis(36_200), figures.longestGapAfterKill(), "from 3.3 s to 0.5 s before the end");
        assertEquals(KILL.plusMillis(3300), figures.longestGapFrom());
        assertEquals(5, figures.sent());
        assertEquals(4, figures.acknowledged());
        assertEquals(Map.of(502, 1L), figures.othersByStatus());
    }

    @Test
    void aGapRightAfterTheKillCountsFromTheKill() {
        LoadFigures figures = LoadFigures.of(List.of(
                answeredAt(KILL.minusMillis(10), 200),
                answeredAt(KILL.plusMillis(7000), 200),
                answeredAt(KILL.plusSeconds(12), 200),
                answeredAt(KILL.plusSeconds(18), 200),
                answeredAt(KILL.plusSeconds(24), 200),
                answeredAt(KILL.plusSeconds(30), 200),
                answeredAt(KILL.plusSeconds(36), 200),
                answeredAt(END, 200)), KILL, END);

        assertEquals(Duration.ofMillis(7000), figures.longestGapAfterKill());
        assertEquals(KILL, figures.longestGapFrom());
    }

    @Test
    void withNoAcknowledgementAfterTheKillTheGapIsTheRestOfTheLoad() {
        LoadFigures figures = LoadFigures.of(List.of(
                answeredAt(KILL.minusSeconds(1), 200),
                answeredAt(KILL.plusSeconds(1), 503),
                answeredAt(KILL.plusSeconds(2), Answer.NO_ANSWER)), KILL, END);

        assertEquals(Duration.between(KILL, END), figures.longestGapAfterKill());
        assertEquals(Map.of(Answer.NO_ANSWER, 1L, 503, 1L), figures.othersByStatus());
    }

    @Test
    void acknowledgementsAreCountedPerSecondFromTheKill() {
        LoadFigures figures = LoadFigures.of(List.of(
                answeredAt(KILL.minusMillis(1), 200),
                answeredAt(KILL, 200),
                answeredAt(KILL.plusMillis(999), 200),
                answeredAt(KILL.plusMillis(1500), 502)), KILL, END);

        assertEquals(1L, figures.acknowledgedPerSecondAroundKill().get(-1L));
        assertEquals(2L, figures.acknowledgedPerSecondAroundKill().get(0L));
        assertEquals(0L, figures.acknowledgedPerSecondAroundKill().get(1L));
    }
}
