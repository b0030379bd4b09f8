package io.healthmon.agent.collect;

/** Percentages as the report carries them: 0 to 100, one decimal. */
final class Percent {

    private Percent() {
    }

    static double of(double part, double whole) {
        if (whole <= 0) {
            return 0.0;
        }
        double p = 100.0 * part / whole;
        return Math.round(Math.max(0.0, Math.min(100.0, p)) * 10) / 10.0;
    }
}
