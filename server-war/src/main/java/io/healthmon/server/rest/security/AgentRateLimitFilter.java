package io.healthmon.server.rest.security;

import io.healthmon.server.config.RateLimitConfig;
import io.healthmon.server.domain.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;

/** Per API key rate limit, after authentication: 429 with Retry-After when a key sends too often. */
@Provider
@AgentAuthenticated
@Priority(Priorities.AUTHORIZATION)
public class AgentRateLimitFilter implements ContainerRequestFilter {

    @Inject
    KeyLimits limits;

    @Override
    public void filter(ContainerRequestContext request) {
        RateLimiter.Decision decision = limits.acquire(AgentKeyFilter.agentOf(request).keyId());
        if (!decision.allowed()) {
            throw new RateLimitedException(decision.retryAfterSeconds(), "this API key sends too often");
        }
    }

    /** The buckets live as long as the application, whatever the filter's own lifecycle. */
    @ApplicationScoped
    static class KeyLimits {
        @Inject
        RateLimitConfig config;

        @Inject
        Clock clock;

        private RateLimiter<Long> limiter;

        RateLimiter.Decision acquire(long keyId) {
            return limiter.tryAcquire(keyId);
        }

        @PostConstruct
        void create() {
            limiter = new RateLimiter<>(config.keyPerMinute(), config.keyBurst(), clock);
        }
    }
}
