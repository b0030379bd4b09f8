package io.healthmon.server.config;

import io.healthmon.server.domain.AlertRules;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Reads every configuration area at deployment, so a bad value stops the server at start-up with a
 * message naming the key, instead of failing the first request that needs it.
 */
@Startup
@Singleton
public class ConfigurationCheck {

    private static final Logger LOG = Logger.getLogger(ConfigurationCheck.class.getName());

    @Inject
    AlertRulesConfig alertRules;

    @Inject
    SecurityConfig security;

    @Inject
    IngestConfig ingest;

    @Inject
    RateLimitConfig rateLimits;

    @Inject
    WebhookConfig webhooks;

    @Inject
    HttpConfig http;

    @Inject
    HistoryConfig history;

    @PostConstruct
    void check() {
        AlertRules rules = alertRules.current();
        alertRules.offlineCheckInterval();
        alertRules.lifecycle();
        alertRules.diskForecast();
        alertRules.diskForecastInterval();
        http.bodyTimeout();
        history.rollupInterval();
        LOG.info("Configuration: cpu threshold " + rules.cpuThreshold() + "%, disk threshold " + rules.diskThreshold()
                + "%, offline after " + rules.offlineTimeout().toSeconds() + " s, retention " + ingest.retentionDays()
                + " days, registration " + (security.enrollmentToken().isPresent() ? "open" : "closed (no enrollment token)")
                + ", operator API " + (security.adminToken().isPresent() ? "open" : "closed (no admin token)")
                + ", " + rateLimits.keyPerMinute() + " requests/min per key, " + webhooks.receivers().size()
                + " webhook receiver(s)" + (webhooks.secret().isPresent() ? ", signed" : ""));
    }
}
