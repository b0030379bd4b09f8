package io.healthmon.server.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds on what one client's connection may cost: how long a request body may take to arrive, and
 * how many bodies still arriving one client address may hold at once. Read at start-up.
 */
@ApplicationScoped
public class HttpConfig {

    public static final String BODY_TIMEOUT = "healthmon.http.body-timeout";
    public static final String SLOW_BODIES_PER_ADDRESS = "healthmon.http.slow-bodies-per-address";

    /** Seconds from a request's headers to the end of its body; an agent's gzip batch takes well under one. */
    @Inject
    @ConfigProperty(name = BODY_TIMEOUT, defaultValue = "20")
    int bodyTimeoutSeconds;

    /** Bodies one address may be sending at once past the first read; a proxy's agents rarely have one. */
    @Inject
    @ConfigProperty(name = SLOW_BODIES_PER_ADDRESS, defaultValue = "32")
    int slowBodiesPerAddress;

    @PostConstruct
    void check() {
        if (bodyTimeoutSeconds < 1 || bodyTimeoutSeconds > 3600) {
            throw new InvalidConfigurationException(BODY_TIMEOUT, "must be from 1 to 3600 seconds, was " + bodyTimeoutSeconds);
        }
        if (slowBodiesPerAddress < 1 || slowBodiesPerAddress > 100_000) {
            throw new InvalidConfigurationException(SLOW_BODIES_PER_ADDRESS, "must be from 1 to 100000, was " + slowBodiesPerAddress);
        }
    }

    public Duration bodyTimeout() {
        return Duration.ofSeconds(bodyTimeoutSeconds);
    }

    public int slowBodiesPerAddress() {
        return slowBodiesPerAddress;
    }
}
