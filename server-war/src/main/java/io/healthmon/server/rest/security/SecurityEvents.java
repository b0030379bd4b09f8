package io.healthmon.server.rest.security;

import io.healthmon.server.logging.ThrottledLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Security events in the log ({@code io.healthmon.security}): each kind once per client address per
 * minute, with a count of the ones held back, and never a presented secret.
 */
@ApplicationScoped
public class SecurityEvents {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger SECURITY = Logger.getLogger("io.healthmon.security");

    @Inject
    Clock clock;

    private ThrottledLog log;

    @PostConstruct
    void create() {
        log = new ThrottledLog(SECURITY, WINDOW, clock);
    }

    public void authenticationFailed(String address, String method, String path, String reason, long blockedForSeconds) {
        log.warning(address + " auth", () -> "Authentication failed from " + address + " on " + method + " " + path
                + ": " + reason + (blockedForSeconds > 0 ? "; further attempts refused for " + blockedForSeconds + " s" : ""));
    }

    public void refusedReregistration(String address, String serverId) {
        log.warning(address + " reregister", () -> "Refused to register server " + serverId + " again from " + address
                + ": it is registered already, and the enrollment token registers new servers only");
    }

    public void revokedKeyUsed(String address, String serverId, String keyPrefix) {
        log.warning(address + " revoked", () -> "A revoked API key of server " + serverId + " (" + keyPrefix
                + "...) was used from " + address);
    }
}
