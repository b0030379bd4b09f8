package io.healthmon.server.domain;

import java.time.Duration;

/**
 * The thresholds that make a server Warning or open an alert, and the silence that makes it Down.
 * A value strictly above a threshold breaks it.
 */
public record AlertRules(double cpuThreshold, double diskThreshold, double inodesThreshold, Duration offlineTimeout) {

    public static final AlertRules DEFAULTS = new AlertRules(90.0, 80.0, 90.0, Duration.ofSeconds(300));
}
