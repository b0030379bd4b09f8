package io.healthmon.server.application.port;

import java.time.Instant;
import java.util.Optional;

/** One-time re-enrolment tokens, by the hash of the token. */
public interface EnrolmentTokenStore {

    /** A token used: the server it was issued for, and whether using it revokes that server's other keys. */
    record Used(long serverRef, boolean revokesExistingKeys) {
    }

    /**
     * Marks the server's unused, unexpired token with this hash used, at once for any concurrent user:
     * empty when there is none, so two agents racing with one token cannot both succeed.
     */
    Optional<Used> use(String serverId, String tokenHash, Instant now);

    /** Ends every unused token of the server: a new token replaces the ones handed out before. */
    void withdrawUnused(long serverRef, Instant now);

    void add(long serverRef, String tokenHash, boolean revokesExistingKeys, Instant issuedAt, Instant expiresAt);
}
