package io.healthmon.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The disk-full forecast on synthetic series: a disk whose use, fitted over the window, reaches 100 %
 * within the horizon opens DISK_FILLING; a flat or falling one never does; an open one resolves only
 * once its forecast is beyond the horizon by the hysteresis, or its use stops rising.
 */
class DiskForecastTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    /** Forecast settings: window 1 to 12 h, horizon 1 to 48 h, 2 to 30 points at least. */
    private static Gen<DiskForecastRules> rules() {
        return integers().between(1, 12).zip(integers().between(1, 48), integers().between(2, 30),
                (windowHours, horizonHours, minPoints) -> new DiskForecastRules(Duration.ofHours(windowHours),
                        Duration.ofHours(horizonHours), minPoints));
    }

    /**
     * {@code points} reports evenly over the window up to now, on the line through {@code percentNow} at
     * now with the given slope, as the database's regr_* aggregates sum them (x in seconds from now).
     */
    static DiskTrend line(DiskForecastRules rules, int points, double percentNow, double slopePerSecond) {
        double[] xs = new double[points];
        double[] ys = new double[points];
        double window = rules.window().toSeconds();
        for (int i = 0; i < points; i++) {
            xs[i] = points == 1 ? 0 : -window + window * i / (points - 1);
            ys[i] = percentNow + slopePerSecond * xs[i];
        }
        return fit("/var", xs, ys);
    }

    /** Least squares sums of a series, as PostgreSQL's regr_count, regr_avgx, regr_avgy, regr_sxx and regr_sxy give them. */
    static DiskTrend fit(String mountpoint, double[] xs, double[] ys) {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < xs.length; i++) {
            meanX += xs[i] / xs.length;
            meanY += ys[i] / xs.length;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < xs.length; i++) {
            sxx += (xs[i] - meanX) * (xs[i] - meanX);
            sxy += (xs[i] - meanX) * (ys[i] - meanY);
        }
        return new DiskTrend(mountpoint, xs.length, meanX, meanY, sxx, sxy);
    }

    @Test
    void aSeriesReachingFullWithinTheHorizonAlwaysOpensAndIsForecastFullThen() {
        // From percentAtStart at the window's start, the disk is full after a share (1 % to 99 %) of the horizon.
        qt().withExamples(1000)
                .forAll(rules(), doubles().between(0, 99.9), doubles().between(0.01, 0.99), integers().between(0, 300))
                .checkAssert((rules, percentAtStart, share, extra) -> {
                    double k = share * rules.horizon().toSeconds() / rules.window().toSeconds();
                    double percentNow = (100 + percentAtStart * k) / (1 + k);
                    double slope = (100 - percentNow) / (share * rules.horizon().toSeconds());
                    DiskTrend trend = line(rules, rules.minPoints() + extra, percentNow, slope);
                    assertInstanceOf(AlertLifecycle.Step.Open.class, rules.next(false, trend), trend.toString());
                    Instant expected = NOW.plusMillis(Math.round(share * rules.horizon().toMillis()));
                    long offBy = Math.abs(Duration.between(expected, rules.fullAt(trend, NOW)).toMillis());
                    assertTrue(offBy <= 1000, "full at " + rules.fullAt(trend, NOW) + ", expected " + expected);
                    assertTrue(rules.percentAtHorizon(trend) >= DiskForecastRules.FULL, "the alert's value: the use at the horizon's end");
                });
    }

    /** The slope that takes a disk from {@code percentNow} to full in a multiple of the horizon. */
    private static double slope(DiskForecastRules rules, double percentNow, double multipleOfHorizon) {
        return (100 - percentNow) / (multipleOfHorizon * rules.horizon().toSeconds());
    }

    @Test
    void aFlatOrFallingSeriesNeverOpensAndHasNoTimeToFull() {
        qt().withExamples(1000)
                .forAll(rules(), doubles().between(0, 100), doubles().between(0, 1), integers().between(0, 300))
                .checkAssert((rules, percentAtStart, fall, extra) -> {
                    double percentNow = percentAtStart * (1 - fall); // from the window's start down to now, or flat
                    double slope = (percentNow - percentAtStart) / rules.window().toSeconds();
                    DiskTrend trend = line(rules, rules.minPoints() + extra, percentNow, slope);
                    assertEquals(new AlertLifecycle.Step.Stay(0), rules.next(false, trend), trend.toString());
                    assertNull(rules.fullAt(trend, NOW), trend.toString());
                });
    }

    @Test
    void anOpenAlertResolvesOnceTheForecastIsBeyondTheHysteresisOrUseStopsRisingAndNotBefore() {
        // Full after a multiple (0.05 to 3) of the horizon, from a disk at percentNow; a multiple up to
        // RESOLVE_BEYOND keeps the alert open, beyond it resolves.
        qt().withExamples(1000)
                .forAll(rules(), doubles().between(1, 99), doubles().between(0.05, 3), integers().between(0, 100))
                .assuming((rules, percentNow, multiple, extra) -> Math.abs(multiple - DiskForecastRules.RESOLVE_BEYOND) > 1e-6)
                .checkAssert((rules, percentNow, multiple, extra) -> {
                    DiskTrend trend = line(rules, rules.minPoints() + extra, percentNow, slope(rules, percentNow, multiple));
                    AlertLifecycle.Step step = rules.next(true, trend);
                    if (multiple < DiskForecastRules.RESOLVE_BEYOND) {
                        assertEquals(new AlertLifecycle.Step.Stay(0), step, "still forecast full soon enough: " + multiple);
                    } else {
                        assertInstanceOf(AlertLifecycle.Step.Resolve.class, step, "forecast moved out: " + multiple);
                    }
                    DiskTrend flat = line(rules, rules.minPoints() + extra, percentNow, 0);
                    assertInstanceOf(AlertLifecycle.Step.Resolve.class, rules.next(true, flat), "use stopped rising");
                });
    }

    @Test
    void tooFewReportsInTheWindowMakeNoForecastSoNothingOpensOrResolves() {
        qt().withExamples(300)
                .forAll(rules(), doubles().between(1, 99), doubles().between(-1e-3, 1e-3))
                .checkAssert((rules, percentNow, slope) -> {
                    DiskTrend trend = line(rules, rules.minPoints() - 1, percentNow, slope);
                    assertEquals(new AlertLifecycle.Step.Stay(0), rules.next(false, trend));
                    assertEquals(new AlertLifecycle.Step.Stay(0), rules.next(true, trend));
                    assertNull(rules.fullAt(trend, NOW));
                });
    }

    @Test
    void theDefaultsAreSixHoursOfTwelveReportsAtLeastLookingADayAhead() {
        DiskForecastRules defaults = DiskForecastRules.DEFAULTS;
        assertEquals(Duration.ofHours(6), defaults.window());
        assertEquals(Duration.ofHours(24), defaults.horizon());
        assertEquals(12, defaults.minPoints());
        // 50 % to 80 % over the last 6 h (5 points an hour): full 4 h from now.
        DiskTrend filling = line(defaults, 30, 80, 30.0 / 21_600);
        assertInstanceOf(AlertLifecycle.Step.Open.class, defaults.next(false, filling));
        assertEquals(NOW.plus(Duration.ofHours(4)), defaults.fullAt(filling, NOW));
        DiskTrend eleven = line(defaults, 11, 80, 30.0 / 21_600);
        assertEquals(new AlertLifecycle.Step.Stay(0), defaults.next(false, eleven), "eleven reports are too few");
    }

    @Test
    void aDiskPastFullOnItsLineIsFullNowAndOneFillingOverMillenniaIsNotFilling() {
        DiskForecastRules defaults = DiskForecastRules.DEFAULTS;
        assertEquals(NOW, defaults.fullAt(line(defaults, 20, 100.5, 1e-4), NOW));
        assertNull(defaults.fullAt(line(defaults, 20, 10, 1e-12), NOW), "beyond the longest forecast");
    }

    @Test
    void noisyReportsAroundARisingLineStillOpenAndTheFitFindsItsSlope() {
        DiskForecastRules defaults = DiskForecastRules.DEFAULTS;
        double[] xs = new double[72];
        double[] ys = new double[72];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -21_600 + 300.0 * i;
            ys[i] = 70 + 2.0 / 3600 * xs[i] + (i % 2 == 0 ? 0.8 : -0.8); // 2 points an hour, ±0.8 of noise
        }
        DiskTrend trend = fit("/", xs, ys);
        assertEquals(2.0 / 3600, trend.slopePerSecond(), 2.0 / 3600 / 50, "within 2 % of the line's slope");
        assertInstanceOf(AlertLifecycle.Step.Open.class, defaults.next(false, trend), "full in about 15 h");
    }

    @Test
    void settingsOutsideTheirBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DiskForecastRules(Duration.ZERO, Duration.ofHours(1), 12));
        assertThrows(IllegalArgumentException.class, () -> new DiskForecastRules(Duration.ofHours(1), Duration.ofHours(1), 1));
    }
}
