package io.healthmon.server.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a disk is forecast to fill (DISK_FILLING), in the way {@code predict_linear(...[6h], 24*3600)} is
 * used with Prometheus: the disk's use over {@code window}, fitted by least squares ({@link DiskTrend}),
 * extended by {@code horizon}. With fewer than {@code minPoints} reports in the window there is no
 * forecast.
 *
 * <p>An alert opens when the line rises and reaches 100 % within the horizon. It resolves when the line
 * no longer rises or reaches 100 % only beyond {@value #RESOLVE_BEYOND} times the horizon: a disk whose
 * forecast hovers at the horizon's end neither flaps nor sends a notice each run. Without a forecast
 * (too few reports) an open alert stays, as an unknown value never resolves another kind.
 */
public record DiskForecastRules(Duration window, Duration horizon, int minPoints) {

    public static final DiskForecastRules DEFAULTS = new DiskForecastRules(Duration.ofHours(6), Duration.ofHours(24), 12);

    /** How far beyond the horizon the forecast must move before an open alert resolves. */
    public static final double RESOLVE_BEYOND = 1.25;

    /** A disk filling so slowly that it is full only later than this is not filling. */
    public static final Duration LONGEST_FORECAST = Duration.ofDays(3650);

    /** The alert's threshold: the use the forecast is about. */
    public static final double FULL = 100.0;

    public DiskForecastRules {
        if (window.isNegative() || window.isZero() || horizon.isNegative() || horizon.isZero() || minPoints < 2) {
            throw new IllegalArgumentException("window and horizon must be positive and minPoints at least 2");
        }
    }

    /**
     * When the disk is forecast to be full, from {@code now} (the time of the fit): {@code now} itself when
     * the line is at or above 100 % already; null when there is no forecast (too few reports), the line
     * does not rise, or it reaches 100 % only after {@link #LONGEST_FORECAST}.
     */
    public Instant fullAt(DiskTrend trend, Instant now) {
        if (!forecasts(trend) || !(trend.slopePerSecond() > 0)) {
            return null;
        }
        double seconds = (FULL - trend.percentAt(0)) / trend.slopePerSecond();
        if (seconds > LONGEST_FORECAST.toSeconds()) {
            return null;
        }
        return seconds <= 0 ? now : now.plusMillis(Math.round(seconds * 1000));
    }

    /** The use the line reaches at the horizon's end: the alert's value (NaN without a line). */
    public double percentAtHorizon(DiskTrend trend) {
        return trend.percentAt(horizon.toSeconds());
    }

    /** Whether the window holds enough reports for a forecast. */
    public boolean forecasts(DiskTrend trend) {
        return trend.points() >= minPoints && Double.isFinite(trend.slopePerSecond());
    }

    /** What happens to the disk's DISK_FILLING alert, {@code open} or not, given its trend. */
    public AlertLifecycle.Step next(boolean open, DiskTrend trend) {
        if (!forecasts(trend)) {
            return new AlertLifecycle.Step.Stay(0);
        }
        boolean rising = trend.slopePerSecond() > 0;
        if (!open) {
            return rising && percentAtHorizon(trend) >= FULL ? new AlertLifecycle.Step.Open() : new AlertLifecycle.Step.Stay(0);
        }
        boolean fullWithinResolveHorizon = trend.percentAt(horizon.toSeconds() * RESOLVE_BEYOND) >= FULL;
        return rising && fullWithinResolveHorizon ? new AlertLifecycle.Step.Stay(0) : new AlertLifecycle.Step.Resolve();
    }
}
