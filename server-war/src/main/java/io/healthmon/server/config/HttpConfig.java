package io.healthmon.server.config;

import io.healthmon.server.domain.TrustedProxies;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * Bounds on what one client's connection may cost: how long a request body may take to arrive, and
 * how many bodies still arriving one client address may hold at once; and the reverse proxies whose
 * {@code X-Forwarded-For} names the client address. Read at start-up.
 */
@ApplicationScoped
public class HttpConfig {

    public static final String BODY_TIMEOUT = "healthmon.http.body-timeout";
    public static final String SLOW_BODIES_PER_ADDRESS = "healthmon.http.slow-bodies-per-address";
    public static final String TRUSTED_PROXIES = "healthmon.http.trusted-proxies";

    @Inject
    Config config;

    /** Seconds from a request's headers to the end of its body; an agent's gzip batch takes well under one. */
    private Duration bodyTimeout;
    /** Bodies one address may be sending at once past the first read; a proxy's agents rarely have one. */
    private int slowBodiesPerAddress;
    /** Addresses or CIDR blocks; none by default, so the peer is the client. */
    private TrustedProxies trustedProxies;

    @PostConstruct
    void read() {
        ConfigReader reader = new ConfigReader(config);
        bodyTimeout = reader.duration(BODY_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1));
        slowBodiesPerAddress = reader.integer(SLOW_BODIES_PER_ADDRESS, 1, 100_000);
        try {
            trustedProxies = TrustedProxies.of(reader.list(TRUSTED_PROXIES));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(TRUSTED_PROXIES, e.getMessage());
        }
    }

    public Duration bodyTimeout() {
        return bodyTimeout;
    }

    public int slowBodiesPerAddress() {
        return slowBodiesPerAddress;
    }

    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }
}
