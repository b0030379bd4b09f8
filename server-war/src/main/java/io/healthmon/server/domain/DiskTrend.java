package io.healthmon.server.domain;

/**
 * One disk's use (percent) over the forecast window as least squares sees it: the sums the database's
 * {@code regr_*} aggregates give for the window's reports, with x the seconds from the time of the fit
 * (negative for the past) and y the disk's use. The fitted line is {@code meanPercent + slope × (x −
 * meanSeconds)}; with fewer than two reports, or all at one instant, it has no slope.
 *
 * @param points      how many reports the window holds for this mountpoint
 * @param meanSeconds the mean of their times, in seconds from the time of the fit
 * @param meanPercent the mean of their use
 * @param sxx         the sum of squared deviations of their times
 * @param sxy         the sum of products of deviations of time and use
 */
public record DiskTrend(String mountpoint, long points, double meanSeconds, double meanPercent, double sxx, double sxy) {

    /** Percentage points per second; NaN without a fitted line. */
    public double slopePerSecond() {
        return points >= 2 && sxx > 0 ? sxy / sxx : Double.NaN;
    }

    /** The fitted use {@code seconds} after the time of the fit, as Prometheus's {@code predict_linear} gives it. */
    public double percentAt(double seconds) {
        return meanPercent + slopePerSecond() * (seconds - meanSeconds);
    }
}
