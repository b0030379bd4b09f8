package io.healthmon.server.domain;

/**
 * One measured condition of a server: a value against its threshold. A failed unit is value 1
 * against threshold 0 (failed) and 0 once it is no longer failed.
 */
public record Condition(AlertKind kind, String subject, double value, double threshold) {

    public boolean breaches() {
        return value > threshold;
    }
}
