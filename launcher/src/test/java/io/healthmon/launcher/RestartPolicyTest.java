package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void theDefaultWaitsOneSecondDoublingAndGivesUpAtTheSixthFailureWithinFiveMinutes() {
        List<Optional<Duration>> delays = IntStream.rangeClosed(1, 6).mapToObj(RestartPolicy.DEFAULT::delayAfter).toList();

        assertEquals(List.of(Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(2)), Optional.of(Duration.ofSeconds(4)),
                Optional.of(Duration.ofSeconds(8)), Optional.of(Duration.ofSeconds(16)), Optional.empty()), delays);
        assertEquals(Duration.ofMinutes(5), RestartPolicy.DEFAULT.window());
    }

    @Test
    void theDelayStopsGrowingAtItsMaximum() {
        RestartPolicy patient = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 100, Duration.ofHours(1));

        assertEquals(Optional.of(Duration.ofSeconds(16)), patient.delayAfter(5));
        assertEquals(Optional.of(Duration.ofSeconds(30)), patient.delayAfter(6));
        assertEquals(Optional.of(Duration.ofSeconds(30)), patient.delayAfter(100));
        assertEquals(Optional.empty(), patient.delayAfter(101));
    }

    @Test
    void aRestartFollowsAFailure() {
        assertThrows(IllegalArgumentException.class, () -> RestartPolicy.DEFAULT.delayAfter(0));
    }
}
