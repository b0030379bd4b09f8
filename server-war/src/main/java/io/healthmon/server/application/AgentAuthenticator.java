package io.healthmon.server.application;

import io.healthmon.server.application.port.AgentKeyStore;
import io.healthmon.server.application.port.StoredKey;
import io.healthmon.server.cluster.Grid;
import io.healthmon.server.config.SecurityConfig;
import io.healthmon.server.domain.ApiKeys;
import io.healthmon.server.failure.DatabaseOutage;
import io.healthmon.server.logging.ThrottledLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Finds the server an API key belongs to, by the key's hash; revoked keys find nothing. A key found
 * is remembered, so an agent's steady reports cost no key lookup however seldom each agent reports.
 * In a cluster the memory is the grid's, shared by every instance ({@link Grid#map}): a key revoked
 * through any instance is forgotten there, and so refused by every instance on its next request.
 * It is forgotten when the revocation is made and again once it commits, since another instance may
 * have looked the key up in between. What bounds a revocation the grid did not carry (one written to
 * the database by hand, say) is a sweep: every half of {@code healthmon.auth.key-cache-seconds}
 * (default 30; 0 turns the cache off) one query, on a scheduled thread of its own, reads the keys
 * revoked lately and forgets them (a request thread never waits on it, so a database that stops
 * answering holds no agent whose key is remembered); remembered keys are trusted only while this
 * instance's last sweep that succeeded is younger than that setting, so with the database away nothing
 * is trusted for longer. Unknown keys are never remembered, so a new key works at once. Only hashes
 * are held, never keys.
 */
@ApplicationScoped
public class AgentAuthenticator {

    private static final Logger LOG = Logger.getLogger(AgentAuthenticator.class.getName());
    /** Bounds the cache, so a flood of distinct keys cannot grow it without limit. */
    private static final int MAX_CACHED = 100_000;
    static final String GRID_MAP = "healthmon-agent-keys";

    @Inject
    AgentKeyStore keys;

    @Inject
    SecurityConfig security;

    @Inject
    Clock clock;

    @Inject
    Grid grid;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** With the database away every sweep fails: a line a minute says so. */
    private final ThrottledLog sweepFailures = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());
    /** Key hash to {@link AuthenticatedAgent#encoded}: the grid holds JDK types only. */
    private Map<String, String> cache;
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
        // Entries older than the cache's time are read again: a bound for anything the grid missed.
        cache = grid.map(GRID_MAP, ttl.isZero() ? Duration.ofSeconds(1) : ttl, MAX_CACHED);
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
    // interceptor around every call showed in the request threads' profile under load.
    public Optional<AuthenticatedAgent> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 256) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(presentedKey);
        Duration ttl = security.keyCacheTtl();
        if (!ttl.isZero()) {
            Instant now = clock.instant();
            String cached = cache.get(hash);
            if (cached != null) {
                if (now.isBefore(sweptAt.plus(ttl))) {
                    return Optional.of(AuthenticatedAgent.decode(cached));
                }
                // The revoked keys could not be read lately: the database is away or not answering. Asking
                // it about this key would hold the request as long; the agent is told to come back.
                throw new DatabaseUnavailableException("the revoked API keys were last read "
                        + Duration.between(sweptAt, now).toSeconds() + " s ago");
            }
        }
        Optional<AuthenticatedAgent> found = keys.findActive(hash)
                .map(k -> new AuthenticatedAgent(k.serverRef(), k.serverId(), k.keyId()));
        if (found.isPresent() && !ttl.isZero()) {
            // Alone, the map is this instance's and bounded here; the grid's bounds itself (and its size is a cluster-wide call).
            if (!grid.joined() && cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(hash, found.get().encoded());
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
        return keys.findAny(ApiKeys.hash(presentedKey))
                .filter(StoredKey::revoked)
                .map(k -> new RevokedKey(k.serverId(), k.prefix()));
    }

    /**
     * Forgets a key being revoked, on every instance: now, and again when the revocation's transaction
     * ends, as a lookup meanwhile (here or on another instance) still found the key active.
     */
    public void forget(String keyHash) {
        cache.remove(keyHash);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.remove(keyHash);
            }
        });
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
            keys.revokedSince(since).forEach(cache::remove);
            sweptAt = now;
        } catch (RuntimeException e) {
            sweepFailures.warning("sweep", () -> "Could not read the revoked API keys; remembered keys are looked up again"
                    + " until it works. Cause: " + DatabaseOutage.describe(e));
        }
    }
}
