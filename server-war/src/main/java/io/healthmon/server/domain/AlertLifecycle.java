package io.healthmon.server.domain;

/**
 * When an alert opens and resolves. An alert opens when the value goes above the threshold and
 * there is none open; it resolves only once the value has been below {@code threshold - hysteresis}
 * for {@code clearReports} reports in a row, so a value hovering at the threshold neither flaps nor
 * sends a notice each report. A failed unit resolves as soon as it is no longer failed.
 */
public record AlertLifecycle(double hysteresis, int clearReports) {

    public AlertLifecycle {
        if (hysteresis < 0 || clearReports < 1) {
            throw new IllegalArgumentException("hysteresis must be >= 0 and clearReports >= 1");
        }
    }

    /** What happens to one condition. {@code clearStreak} is how many reports in a row were clear so far. */
    public sealed interface Step {
        record Open() implements Step {
        }

        record Resolve() implements Step {
        }

        /** Stays as it is (open or not), with the new clear streak. */
        record Stay(int clearStreak) implements Step {
        }
    }

    public Step next(boolean open, int clearStreak, Condition condition) {
        if (!open) {
            return condition.breaches() ? new Step.Open() : new Step.Stay(0);
        }
        double clearBelow = condition.kind() == AlertKind.FAILED_SERVICE ? condition.threshold() + 0.5
                : condition.threshold() - hysteresis;
        if (condition.value() < clearBelow) {
            int streak = clearStreak + 1;
            return streak >= clearReports ? new Step.Resolve() : new Step.Stay(streak);
        }
        return new Step.Stay(0);
    }
}
