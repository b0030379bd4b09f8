package io.healthmon.server.application;

import io.healthmon.server.domain.ApiKeys;
import io.healthmon.server.persistence.jpa.ApiKeyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Finds the server an API key belongs to, by the key's hash; revoked keys find nothing. */
@ApplicationScoped
public class AgentAuthenticator {

    @Inject
    ApiKeyRepository keys;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AuthenticatedAgent> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 256) {
            return Optional.empty();
        }
        return keys.findActiveByHash(ApiKeys.hash(presentedKey))
                .map(k -> new AuthenticatedAgent(k.getServer().getId(), k.getServer().getServerId(), k.getId()));
    }
}
