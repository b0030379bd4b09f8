package io.healthmon.server.application;

import io.healthmon.server.cluster.Duty;
import io.healthmon.server.cluster.DutyTimer;
import io.healthmon.server.config.AlertRulesConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A duty timer of the alert rules: it fires at the interval one of the {@link AlertRulesConfig}
 * settings names.
 */
public abstract class AlertRuleTimer extends DutyTimer {

    @Inject
    AlertRulesConfig rules;

    private final Function<AlertRulesConfig, Duration> interval;

    protected AlertRuleTimer(Duty duty, Logger log, String workName, Function<AlertRulesConfig, Duration> interval) {
        super(duty, log, workName);
        this.interval = interval;
    }

    @Override
    protected Duration interval() {
        return interval.apply(rules);
    }
}
