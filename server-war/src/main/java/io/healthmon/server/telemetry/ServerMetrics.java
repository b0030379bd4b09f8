package io.healthmon.server.telemetry;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Every metric the server counts about itself, created once, so the hot paths only add to a counter.
 * Counters and gauges are MicroProfile Metrics (Payara's {@code /metrics}); the three distributions are
 * {@link Distribution}s, since Payara's exporter does not write histograms Prometheus can use.
 * Labels take a small fixed set of values (a refusal's reason, a rate limit's kind), each series created
 * at start so a scrape sees zeros rather than nothing; no label ever carries a server id or an address.
 */
@ApplicationScoped
public class ServerMetrics {

    /** A report that failed its checks. */
    public static final String INVALID = "invalid";
    /** The rate limits: a key sending too often, an address failing to authenticate too often. */
    public static final String API_KEY_LIMIT = "api_key";
    public static final String AUTH_FAILURES_LIMIT = "auth_failures";

    /** The refusals a push can meet, by their problem types: each series exists from the start, at zero. */
    private static final List<String> PUSH_REFUSALS = List.of("body-timeout", "database-unavailable", "foreign-server",
            "internal-error", "invalid-report", "invalid-request", "malformed-json", "overloaded", "rate-limited",
            "too-large", "unauthorized", "unsupported-encoding");
    /** Why read reports go unstored: failing their checks, or their request's refusal once read. */
    private static final List<String> REPORT_REJECTIONS = List.of(INVALID, "database-unavailable", "foreign-server",
            "internal-error", "overloaded");

    @Inject
    MetricRegistry registry;

    private Counter reportsReceived;
    private Counter reportsStored;
    private Counter reportsDuplicate;
    private final Map<String, Counter> reportsRejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> pushesRefused = new ConcurrentHashMap<>();
    private final Distribution pushAnswers = new Distribution("healthmon_push_answer_seconds",
            "Time from a push request's arrival to its answer, every answer included, in seconds.",
            0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
    private final Distribution groupSizes = new Distribution("healthmon_group_commit_requests",
            "Push requests stored together in one group commit.", 1, 2, 4, 8, 16, 32, 64, 128, 256);
    private final Distribution webhookCalls = new Distribution("healthmon_webhook_call_seconds",
            "Time of one call to a webhook receiver, from the call to its answer or failure, in seconds.",
            0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
    private Counter authenticationFailures;
    private final Map<String, Counter> rateLimited = new ConcurrentHashMap<>();
    private Counter webhookDelivered;
    private Counter webhookFailedAttempts;
    private Counter webhookGivenUp;
    private Counter offlineChecks;

    /** Created with the application, so every series is there for the first scrape, not after first use. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Touching the bean is enough: its post-construct has created the series.
        reportsReceived.getCount();
    }

    @PostConstruct
    void create() {
        reportsReceived = counter("healthmon_reports_received", "Reports read from agents' push requests.");
        reportsStored = counter("healthmon_reports_stored", "Reports stored (committed).");
        reportsDuplicate = counter("healthmon_reports_duplicate",
                "Reports acknowledged without storing: a report with that server and timestamp was stored before.");
        authenticationFailures = counter("healthmon_authentication_failures",
                "Requests refused for a missing, unknown, revoked or wrong credential.");
        webhookDelivered = counter("healthmon_webhook_deliveries_delivered", "Alert notices a receiver accepted (2xx).");
        webhookFailedAttempts = counter("healthmon_webhook_attempts_failed",
                "Delivery attempts that failed (an error status, no answer, or a call cut off); most are tried again.");
        webhookGivenUp = counter("healthmon_webhook_deliveries_failed",
                "Alert notices given up after the last attempt allowed.");
        offlineChecks = counter("healthmon_offline_checks",
                "Offline checks this instance ran (only the instance holding the duty runs them).");
        PUSH_REFUSALS.forEach(this::pushRefusedCounter);
        REPORT_REJECTIONS.forEach(this::reportsRejectedCounter);
        List.of(API_KEY_LIMIT, AUTH_FAILURES_LIMIT).forEach(this::rateLimitedCounter);
    }

    public void reportsReceived(int count) {
        reportsReceived.inc(count);
    }

    public void reportsStored(int count) {
        reportsStored.inc(count);
    }

    public void reportsDuplicate(int count) {
        reportsDuplicate.inc(count);
    }

    /** Reports not stored, by why: {@code invalid} for one that failed its checks, else the request's refusal. */
    public void reportsRejected(String reason, int count) {
        if (count > 0) {
            reportsRejectedCounter(reason).inc(count);
        }
    }

    /** A push request answered other than 200, by the problem type of its answer. */
    public void pushRefused(String reason) {
        pushRefusedCounter(reason).inc();
    }

    public void pushAnswered(Duration took) {
        pushAnswers.observe(seconds(took));
    }

    public void groupCommitted(int requests) {
        groupSizes.observe(requests);
    }

    public void authenticationFailed() {
        authenticationFailures.inc();
    }

    /** A request refused by a rate limit: {@link #API_KEY_LIMIT} or {@link #AUTH_FAILURES_LIMIT}. */
    public void rateLimited(String limit) {
        rateLimitedCounter(limit).inc();
    }

    /** One call to a receiver, whatever its outcome. */
    public void webhookCalled(Duration took) {
        webhookCalls.observe(seconds(took));
    }

    public void webhookDelivered() {
        webhookDelivered.inc();
    }

    public void webhookAttemptFailed() {
        webhookFailedAttempts.inc();
    }

    public void webhookGivenUp() {
        webhookGivenUp.inc();
    }

    public void offlineCheckRun() {
        offlineChecks.inc();
    }

    /**
     * The histograms, which Payara's exporter cannot write as Prometheus histograms (see
     * docs/architecture.md): served by {@code /api/v1/prometheus/instance} instead of {@code /metrics}.
     */
    public List<Distribution> distributions() {
        return List.of(pushAnswers, groupSizes, webhookCalls);
    }

    private static double seconds(Duration took) {
        return took.toNanos() / 1e9;
    }

    /** A gauge read at each scrape; the supplier must answer quickly and never throw. */
    public void gauge(String name, String description, Supplier<? extends Number> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), value::get);
    }

    private Counter reportsRejectedCounter(String reason) {
        return labelled(reportsRejected, "healthmon_reports_rejected",
                "Reports not stored, by reason (invalid, or the whole request's refusal).", "reason", reason);
    }

    private Counter pushRefusedCounter(String reason) {
        return labelled(pushesRefused, "healthmon_push_requests_refused",
                "Push requests answered with an error, by the problem type of the answer.", "reason", reason);
    }

    private Counter rateLimitedCounter(String limit) {
        return labelled(rateLimited, "healthmon_rate_limited_requests",
                "Requests refused with 429, by the limit that refused them.", "limit", limit);
    }

    private Counter counter(String name, String description) {
        return registry.counter(Metadata.builder().withName(name).withDescription(description).build());
    }

    private Counter labelled(Map<String, Counter> series, String name, String description, String label, String value) {
        return series.computeIfAbsent(value, v -> registry.counter(
                Metadata.builder().withName(name).withDescription(description).build(), new Tag(label, v)));
    }
}
