package io.healthmon.server.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where alert notices go, in which format, and how hard delivery tries. Read once at start-up: the
 * receivers of a notice and its body are fixed when it is written to the outbox, so a changed list
 * applies to new notices after a restart.
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
    public static final String RECEIVERS = "healthmon.webhook.receivers";
    /** Below it each named receiver's {@code .url} and {@code .format}. */
    public static final String RECEIVER_PREFIX = "healthmon.webhook.receiver.";
    public static final String ALERTMANAGER_REPEAT_INTERVAL = "healthmon.webhook.alertmanager.repeat-interval";
    public static final String DASHBOARD_URL = "healthmon.dashboard-url";

    /** Longer dashboard URLs would not leave room for the alert in a Slack text (3000 characters at most). */
    static final int MAX_DASHBOARD_URL_LENGTH = 1000;

    /** The longest {@value #TIMEOUT} allowed, in seconds: a fixed bound the sending code can rely on. */
    public static final long MAX_TIMEOUT_SECONDS = 300;

    @Inject
    Config config;

    private List<Receiver> receivers;
    private Optional<URI> dashboardUrl;
    private Duration alertmanagerRepeatInterval;
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
        receivers = WebhookReceivers.read(reader);
        dashboardUrl = dashboardUrl(reader);
        alertmanagerRepeatInterval = reader.duration(ALERTMANAGER_REPEAT_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1));
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

    private static Optional<URI> dashboardUrl(ConfigReader reader) {
        Optional<String> raw = reader.text(DASHBOARD_URL);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        URI uri = WebhookReceivers.checked(DASHBOARD_URL, raw.get());
        // The dashboard routes by the fragment (#/servers/ID): a base with its own query or fragment cannot take it.
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidConfigurationException(DASHBOARD_URL, "'" + raw.get() + "' must be the dashboard's base URL,"
                    + " without query or fragment");
        }
        if (raw.get().length() > MAX_DASHBOARD_URL_LENGTH) {
            throw new InvalidConfigurationException(DASHBOARD_URL, "is longer than " + MAX_DASHBOARD_URL_LENGTH + " characters");
        }
        return Optional.of(uri);
    }

    /** The key of a named receiver's setting, e.g. {@code healthmon.webhook.receiver.ops.url}. */
    public static String receiverKey(String name, String setting) {
        return RECEIVER_PREFIX + name + "." + setting;
    }

    /** Every receiver, each with the URL its notices are posted to. */
    public List<Receiver> receivers() {
        return receivers;
    }

    /** The URLs notices are posted to, one per receiver. */
    public List<String> receiverUrls() {
        return receivers.stream().map(Receiver::url).toList();
    }

    /** The receivers in the Alertmanager format, to which open alerts are repeated. */
    public List<Receiver> alertmanagers() {
        return receivers.stream().filter(r -> r.format() == WebhookFormat.ALERTMANAGER).toList();
    }

    /** The public base URL of the dashboard, for links in notices; without it notices carry no link. */
    public Optional<URI> dashboardUrl() {
        return dashboardUrl;
    }

    /** How often open alerts are posted to Alertmanager again; it ends an alert not repeated for four of these. */
    public Duration alertmanagerRepeatInterval() {
        return alertmanagerRepeatInterval;
    }

    /**
     * A receiver of alert notices: its name (the URL itself for those of {@value #URLS}), the URL its
     * notices are posted to (for Alertmanager, its alerts API below the configured base), and its format.
     */
    public record Receiver(String name, String url, WebhookFormat format) {
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
