package io.healthmon.server.application;

import io.healthmon.server.config.SecurityConfig;
import io.healthmon.server.domain.ApiKeys;
import io.healthmon.server.persistence.jpa.ApiKeyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the server an API key belongs to, by the key's hash; revoked keys find nothing. A key found
 * is remembered for {@code healthmon.auth.key-cache-seconds} (default 30; 0 turns the cache off), so
 * an agent's steady reports cost no key lookup: a key revoked on this server instance stops at once,
 * one revoked on another instance works here for at most that long. Unknown keys are never cached,
 * so a new key works at once. Only hashes are held, never keys.
 */
@ApplicationScoped
public class AgentAuthenticator {

    /** Bounds the cache, so a flood of distinct keys cannot grow it without limit. */
    private static final int MAX_CACHED = 100_000;

    @Inject
    ApiKeyRepository keys;

    @Inject
    SecurityConfig security;

    @Inject
    Clock clock;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AuthenticatedAgent> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 256) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(presentedKey);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.agent());
        }
        Optional<AuthenticatedAgent> found = keys.findActiveByHash(hash)
                .map(k -> new AuthenticatedAgent(k.getServer().getId(), k.getServer().getServerId(), k.getId()));
        Duration ttl = security.keyCacheTtl();
        if (found.isPresent() && !ttl.isZero()) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(hash, new Cached(found.get(), now.plus(ttl)));
        } else {
            cache.remove(hash);
        }
        return found;
    }

    /** Forgets a key at once (it was revoked here). */
    public void forget(long keyId) {
        cache.values().removeIf(c -> c.agent().keyId() == keyId);
    }

    private record Cached(AuthenticatedAgent agent, Instant until) {
    }
}
