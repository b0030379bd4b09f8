package io.healthmon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankPercentilesOverMergedWorkers() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        for (int i = 1; i <= 100; i++) {
            (i % 2 == 0 ? a : b).record(i);
        }
        Latencies.Summary s = Latencies.summarize(List.of(a, b));
        assertEquals(100, s.count());
        assertEquals(50, s.p50Micros());
        assertEquals(99, s.p99Micros());
        assertEquals(100, s.maxMicros());
    }

    @Test
    void growsBeyondItsFirstArray() {
        Latencies l = new Latencies();
        for (int i = 0; i < 200_000; i++) {
            l.record(i);
        }
        assertEquals(200_000, l.count());
        assertEquals(199_999, Latencies.summarize(List.of(l)).maxMicros());
    }
}
