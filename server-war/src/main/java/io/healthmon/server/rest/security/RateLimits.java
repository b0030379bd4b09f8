package io.healthmon.server.rest.security;

import io.healthmon.server.cluster.Grid;
import io.healthmon.server.config.RateLimitConfig;
import io.healthmon.server.domain.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * The access rules' token buckets, set by {@code healthmon.rate-limit.*}: per API key, and per client
 * address for failed authentications. Shared by the cluster's instances, so a budget is spent across
 * them all, not once per instance; they live as long as the application.
 */
@ApplicationScoped
public class RateLimits {

    @Inject
    RateLimitConfig config;

    @Inject
    Grid grid;

    @Inject
    Clock clock;

    private RateLimiter<Long> perKey;
    private RateLimiter<String> authFailures;

    @PostConstruct
    void create() {
        perKey = grid.rateLimiter("healthmon-key-rates", config.keyPerMinute(), config.keyBurst(), clock);
        authFailures = grid.rateLimiter("healthmon-auth-failures", config.authFailuresPerMinute(),
                config.authFailuresBurst(), clock);
    }

    /** The requests of each API key, by key id. */
    public RateLimiter<Long> perKey() {
        return perKey;
    }

    /** The failed authentications of each client address. */
    public RateLimiter<String> authFailures() {
        return authFailures;
    }
}
