package io.healthmon.server.application;

import io.healthmon.server.config.SecurityConfig;
import io.healthmon.server.domain.ApiKeys;
import io.healthmon.server.logging.ThrottledLog;
import io.healthmon.server.persistence.DatabaseOutage;
import io.healthmon.server.persistence.jpa.ApiKeyRepository;
import io.healthmon.server.persistence.jpa.UtcTimes;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Finds the server an API key belongs to, by the key's hash; revoked keys find nothing. A key found
 * is remembered, so an agent's steady reports cost no key lookup however seldom each agent reports.
 * What bounds a revoked key is a sweep: every half of {@code healthmon.auth.key-cache-seconds}
 * (default 30; 0 turns the cache off) one query, on a scheduled thread of its own, reads the keys
 * revoked lately, on any instance, and forgets them (a request thread never waits on it, so a
 * database that stops answering holds no agent whose key is remembered); remembered keys are trusted
 * only while the last sweep that succeeded is younger than that setting. So a key revoked on this instance stops at once, one revoked on another instance
 * works here for at most that long, and with the database away nothing is trusted for longer either.
 * Unknown keys are never remembered, so a new key works at once. Only hashes are held, never keys.
 */
@ApplicationScoped
public class AgentAuthenticator {

    private static final Logger LOG = Logger.getLogger(AgentAuthenticator.class.getName());
    /** Bounds the cache, so a flood of distinct keys cannot grow it without limit. */
    private static final int MAX_CACHED = 100_000;

    @Inject
    ApiKeyRepository keys;

    @Inject
    SecurityConfig security;

    @Inject
    Clock clock;

    /** With the database away every sweep fails: a line a minute says so. */
    private final ThrottledLog sweepFailures = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());
    private final Map<String, AuthenticatedAgent> cache = new ConcurrentHashMap<>();
    /** When the last sweep that succeeded began; nothing was remembered before the first. */
    private volatile Instant sweptAt;
    /**
     * The sweep's own thread, from the container's ManagedThreadFactory. Not the shared
     * ManagedScheduledExecutorService: this bean is created by the first request that needs it, and that
     * executor would run every sweep in that request's servlet context, long after the request ended.
     */
    private ScheduledExecutorService sweeper;

    @Resource
    ManagedThreadFactory threads;

    @PostConstruct
    void start() {
        sweptAt = clock.instant();
        Duration ttl = security.keyCacheTtl();
        if (!ttl.isZero()) {
            long period = Math.max(1, ttl.toMillis() / 2);
            sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = threads.newThread(task);
                thread.setName("healthmon-revoked-keys");
                thread.setDaemon(true);
                return thread;
            });
            sweeper.scheduleWithFixedDelay(() -> sweep(ttl), period, period, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    // Not @Transactional: a remembered key, nearly every request, needs no transaction, and the
    // interceptor around every call cost 5 % of the request threads' time under load.
    public Optional<AuthenticatedAgent> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 256) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(presentedKey);
        Duration ttl = security.keyCacheTtl();
        if (!ttl.isZero()) {
            Instant now = clock.instant();
            AuthenticatedAgent cached = cache.get(hash);
            if (cached != null) {
                if (now.isBefore(sweptAt.plus(ttl))) {
                    return Optional.of(cached);
                }
                // The revoked keys could not be read lately: the database is away or not answering. Asking
                // it about this key would hold the request as long; the agent is told to come back.
                throw new DatabaseUnavailableException("the revoked API keys were last read "
                        + Duration.between(sweptAt, now).toSeconds() + " s ago");
            }
        }
        Optional<AuthenticatedAgent> found = keys.findActiveByHash(hash)
                .map(k -> new AuthenticatedAgent(k.getServer().getId(), k.getServer().getServerId(), k.getId()));
        if (found.isPresent() && !ttl.isZero()) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(hash, found.get());
        } else {
            cache.remove(hash);
        }
        return found;
    }

    /** Whose the presented key was, when it is a revoked key: asked only after it failed, for the security log. */
    public Optional<RevokedKey> revoked(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 256) {
            return Optional.empty();
        }
        return keys.findAnyByHash(ApiKeys.hash(presentedKey))
                .filter(k -> k.getRevokedAt() != null)
                .map(k -> new RevokedKey(k.getServer().getServerId(), k.getKeyPrefix()));
    }

    /** Forgets a key at once (it was revoked here). */
    public void forget(long keyId) {
        cache.values().removeIf(agent -> agent.keyId() == keyId);
    }

    /**
     * Forgets the keys revoked since a little before the last sweep: the window overlaps the previous
     * one by the cache's time, so a revocation committed while that sweep ran, or stamped by an
     * instance whose clock runs a little behind, is still seen. A failed sweep leaves {@link #sweptAt}
     * as it was, so remembered keys soon stop counting. Never throws: that would end the schedule.
     */
    private void sweep(Duration ttl) {
        try {
            Instant now = clock.instant();
            Instant since = sweptAt.minus(ttl);
            keys.revokedSince(UtcTimes.toUtc(since)).forEach(cache::remove);
            sweptAt = now;
        } catch (RuntimeException e) {
            sweepFailures.warning("sweep", () -> "Could not read the revoked API keys; remembered keys are looked up again"
                    + " until it works. Cause: " + DatabaseOutage.describe(e));
        }
    }
}
