package io.healthmon.server.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Rate limits: per API key (an agent reports once a minute; the burst leaves room for a spool
 * replay), and per client address for failed authentications (slows key guessing). Read at start-up.
 */
@ApplicationScoped
public class RateLimitConfig {

    public static final String KEY_PER_MINUTE = "healthmon.rate-limit.key.per-minute";
    public static final String KEY_BURST = "healthmon.rate-limit.key.burst";
    public static final String AUTH_FAILURES_PER_MINUTE = "healthmon.rate-limit.auth-failures.per-minute";
    public static final String AUTH_FAILURES_BURST = "healthmon.rate-limit.auth-failures.burst";

    @Inject
    Config config;

    private int keyPerMinute;
    private int keyBurst;
    private int authFailuresPerMinute;
    private int authFailuresBurst;

    @PostConstruct
    void read() {
        ConfigReader reader = new ConfigReader(config);
        keyPerMinute = reader.integer(KEY_PER_MINUTE, 1, 10_000_000);
        keyBurst = reader.integer(KEY_BURST, 1, 10_000_000);
        authFailuresPerMinute = reader.integer(AUTH_FAILURES_PER_MINUTE, 1, 10_000_000);
        authFailuresBurst = reader.integer(AUTH_FAILURES_BURST, 1, 10_000_000);
    }

    public int keyPerMinute() {
        return keyPerMinute;
    }

    public int keyBurst() {
        return keyBurst;
    }

    public int authFailuresPerMinute() {
        return authFailuresPerMinute;
    }

    public int authFailuresBurst() {
        return authFailuresBurst;
    }
}
