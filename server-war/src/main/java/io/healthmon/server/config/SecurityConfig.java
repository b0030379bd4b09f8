package io.healthmon.server.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The shared secrets: the enrollment token agents present to register, and the operator token for
 * the read API and the dashboard. Either may be unset, which closes what it guards.
 */
@ApplicationScoped
public class SecurityConfig {

    public static final String ENROLLMENT_TOKEN = "healthmon.enrollment-token";
    public static final String ADMIN_TOKEN = "healthmon.admin-token";
    public static final String KEY_CACHE = "healthmon.auth.key-cache-seconds";

    @Inject
    Config config;

    private Optional<String> enrollmentToken;
    private Optional<String> adminToken;
    private Duration keyCacheTtl;

    @PostConstruct
    void read() {
        ConfigReader reader = new ConfigReader(config);
        enrollmentToken = reader.secret(ENROLLMENT_TOKEN);
        adminToken = reader.secret(ADMIN_TOKEN);
        keyCacheTtl = reader.duration(KEY_CACHE, Duration.ZERO, Duration.ofMinutes(10));
    }

    /** How long a found API key is remembered: the longest a key revoked on another instance still works here. */
    public Duration keyCacheTtl() {
        return keyCacheTtl;
    }

    public Optional<String> enrollmentToken() {
        return enrollmentToken;
    }

    public Optional<String> adminToken() {
        return adminToken;
    }
}
