package io.healthmon.server.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where alert notices go and how hard delivery tries. Read once at start-up: the receivers of a notice
 * are fixed when it is written to the outbox, so a changed list applies to new notices after a restart.
 */
@ApplicationScoped
public class WebhookConfig {

    public static final String URLS = "healthmon.webhook.urls";
    public static final String SECRET = "healthmon.webhook.secret";
    public static final String MAX_ATTEMPTS = "healthmon.webhook.max-attempts";
    public static final String INITIAL_BACKOFF = "healthmon.webhook.initial-backoff";
    public static final String MAX_BACKOFF = "healthmon.webhook.max-backoff";
    public static final String TIMEOUT = "healthmon.webhook.timeout";
    public static final String POLL_INTERVAL = "healthmon.webhook.poll-interval";
    public static final String BREAKER_FAILURES = "healthmon.webhook.breaker-failures";
    public static final String BREAKER_DELAY = "healthmon.webhook.breaker-delay";

    /** The longest {@value #TIMEOUT} allowed, in seconds: a fixed bound the sending code can rely on. */
    public static final long MAX_TIMEOUT_SECONDS = 300;

    @Inject
    Config config;

    private List<String> receivers;
    private Optional<String> secret;
    private int maxAttempts;
    private Duration initialBackoff;
    private Duration maxBackoff;
    private Duration timeout;
    private Duration pollInterval;
    private int breakerFailures;
    private Duration breakerDelay;

    @PostConstruct
    void read() {
        ConfigReader reader = new ConfigReader(config);
        receivers = checkedUrls(reader.list(URLS));
        secret = reader.secret(SECRET);
        // Ten attempts with doubling from 10 s, capped at an hour, keep trying for about four hours.
        maxAttempts = reader.integer(MAX_ATTEMPTS, 1, 1000);
        initialBackoff = reader.duration(INITIAL_BACKOFF, Duration.ofSeconds(1), Duration.ofHours(1));
        maxBackoff = reader.duration(MAX_BACKOFF, initialBackoff, Duration.ofDays(1));
        timeout = reader.duration(TIMEOUT, Duration.ofSeconds(1), Duration.ofSeconds(MAX_TIMEOUT_SECONDS));
        pollInterval = reader.duration(POLL_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1));
        // A receiver that leaves three calls in a row unanswered is tried again once a minute, not once a notice.
        breakerFailures = reader.integer(BREAKER_FAILURES, 1, 100);
        breakerDelay = reader.duration(BREAKER_DELAY, Duration.ofSeconds(1), Duration.ofHours(1));
    }

    private static List<String> checkedUrls(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String url : raw) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new InvalidConfigurationException(URLS, "'" + url + "' is not a URL: " + e.getReason());
            }
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new InvalidConfigurationException(URLS, "'" + url + "' must be an absolute http or https URL");
            }
            if (!out.contains(url)) {
                out.add(url);
            }
        }
        return List.copyOf(out);
    }

    public List<String> receivers() {
        return receivers;
    }

    public Optional<String> secret() {
        return secret;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** Calls in a row a receiver may leave unanswered (no HTTP status) before its lane stops calling it. */
    public int breakerFailures() {
        return breakerFailures;
    }

    /** How long a lane that stopped calling its receiver waits before one trial call. */
    public Duration breakerDelay() {
        return breakerDelay;
    }
}
