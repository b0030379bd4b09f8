package io.healthmon.server.alerting.webhook;

import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.alerting.webhook.format.AlertmanagerFormat;
import io.healthmon.server.alerting.webhook.format.NoticeFormats;
import io.healthmon.server.application.port.SchemaState;
import io.healthmon.server.cluster.ClusterDuties;
import io.healthmon.server.cluster.Duty;
import io.healthmon.server.config.WebhookConfig;
import io.healthmon.server.failure.DatabaseOutage;
import io.healthmon.server.logging.ThrottledLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Posts the alerts to each Alertmanager receiver again every {@code healthmon.webhook.alertmanager.repeat-interval},
 * as Alertmanager expects of a client: it ends an alert whose {@code endsAt} passes, so an open alert is
 * repeated with its end pushed on, and lately resolved ones are repeated with their end (see
 * {@link RepeatedAlerts}). This is the {@link Duty#ALERTMANAGER_REPEAT} duty, done by its holder alone.
 *
 * <p>The repeats go straight to the receiver, signed as the notices are, not through the outbox: a
 * repeat that fails is not retried, because the next one says the same and newer. Each round is one
 * post per receiver, or a few when there are many alerts. Like the other duties it is a
 * non-persistent EJB timer, which the container stops with the application.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertmanagerRepeat {

    /** Alerts per post: a fleet's open alerts in a few bodies of bounded size. */
    static final int ALERTS_PER_POST = 500;

    private static final Logger LOG = Logger.getLogger(AlertmanagerRepeat.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    WebhookConfig config;

    @Inject
    NoticeFormats formats;

    @Inject
    RepeatedAlerts repeated;

    @Inject
    WebhookClient client;

    @Inject
    SchemaState schema;

    @Inject
    ClusterDuties duties;

    @Inject
    Clock clock;

    /** A receiver that is away fails every round: a line a minute says so. */
    private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());
    /** A round still waiting on a slow receiver is not joined by the next. */
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;

    @PostConstruct
    void schedule() {
        if (!config.alertmanagers().isEmpty()) {
            long millis = config.alertmanagerRepeatInterval().toMillis();
            timerService.createIntervalTimer(millis, millis, new TimerConfig("alertmanager-repeat", false));
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    @Timeout
    void repeat() {
        if (!schema.isApplied() || !duties.holds(Duty.ALERTMANAGER_REPEAT) || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = clock.instant();
            List<AlertNotice> alerts;
            try {
                alerts = repeated.at(now);
            } catch (RuntimeException e) {
                failures.warning("read", () -> "Could not read the alerts to repeat to Alertmanager; the next repeat in "
                        + config.alertmanagerRepeatInterval().toSeconds() + " s tries again. Cause: " + DatabaseOutage.describe(e));
                return;
            }
            for (WebhookConfig.Receiver receiver : config.alertmanagers()) {
                post(receiver, alerts, now);
            }
        } finally {
            running.set(false);
        }
    }

    private void post(WebhookConfig.Receiver receiver, List<AlertNotice> alerts, Instant now) {
        AlertmanagerFormat format = formats.alertmanager();
        for (int from = 0; from < alerts.size() && !stopping; from += ALERTS_PER_POST) {
            String body = format.bodyOf(alerts.subList(from, Math.min(alerts.size(), from + ALERTS_PER_POST)), now);
            WebhookClient.Attempt attempt = call(receiver.url(), body);
            if (!attempt.delivered()) {
                failures.warning(receiver.url(), () -> "Alertmanager " + receiver.name() + " (" + receiver.url()
                        + ") did not take the repeated alerts (" + attempt.error() + "); the next repeat in "
                        + config.alertmanagerRepeatInterval().toSeconds() + " s tries again");
                return;
            }
        }
    }

    private WebhookClient.Attempt call(String url, String body) {
        try {
            return client.post(url, UUID.randomUUID(), body);
        } catch (TimeoutException e) {
            Thread.interrupted(); // Fault Tolerance interrupted the call at its ceiling; the timer's thread carries on
            return WebhookClient.Attempt.unanswered("no answer within the call's ceiling");
        }
    }
}
