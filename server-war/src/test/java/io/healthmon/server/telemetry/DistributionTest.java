package io.healthmon.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void countsEachObservationUnderEveryBoundAtOrAboveIt() {
        Distribution d = new Distribution("x_seconds", "help", 0.1, 1, 10);
        d.observe(0.05);
        d.observe(0.1); // on a bound: counted under it, as Prometheus's le ("less or equal") says
        d.observe(5);
        d.observe(50);
        Distribution.Snapshot s = d.snapshot();
        assertArrayEquals(new long[] {2, 2, 3}, s.cumulativeCounts());
        assertEquals(4, s.count());
        assertEquals(55.15, s.sum(), 1e-9);
    }

    @Test
    void refusesBoundsThatDoNotRise() {
        assertThrows(IllegalArgumentException.class, () -> new Distribution("x", "help", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Distribution("x", "help"));
    }

    @Test
    void bucketCountsRiseWithTheBoundAndEndAtTheTotal() {
        qt().withExamples(200).forAll(lists().of(doubles().between(0, 20)).ofSizeBetween(0, 50)).check(values -> {
            Distribution d = new Distribution("x", "help", 0.5, 1, 2, 5, 10);
            values.forEach(d::observe);
            Distribution.Snapshot s = d.snapshot();
            long previous = 0;
            for (int i = 0; i < s.upperBounds().length; i++) {
                double bound = s.upperBounds()[i];
                long expected = values.stream().filter(v -> v <= bound).count();
                if (s.cumulativeCounts()[i] != expected || s.cumulativeCounts()[i] < previous) {
                    return false;
                }
                previous = s.cumulativeCounts()[i];
            }
            return s.count() == values.size() && previous <= s.count();
        });
    }
}
