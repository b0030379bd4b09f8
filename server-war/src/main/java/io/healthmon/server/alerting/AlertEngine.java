package io.healthmon.server.alerting;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.application.port.AlertStore;
import io.healthmon.server.config.AlertRulesConfig;
import io.healthmon.server.domain.Alert;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.AlertLifecycle;
import io.healthmon.server.domain.Condition;
import io.healthmon.server.domain.Conditions;
import io.healthmon.server.domain.DiskForecastRules;
import io.healthmon.server.domain.DiskTrend;
import io.healthmon.server.domain.Silences;
import io.healthmon.server.domain.Thresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the alert rules to stored alerts, in the caller's transaction (which holds the server's
 * health row locked, so one server's reports are judged one at a time). Every change that is to be
 * told is fired as {@link AlertOpened} or {@link AlertResolved}; notifiers observe them.
 *
 * <p>While a server is Down (its offline alert open) nothing else about it is told: reports that
 * arrive then are its spool replaying the outage, and their changes are stored but held back. When
 * it returns, the offline alert resolves and then what is still owed is told once: an alert opened
 * meanwhile and still open, and the resolve of one whose opening was told before.
 *
 * <p>An alert an operator's silence covers is held back the same way, for as long as the silence is
 * active ({@code notified} false records what is owed); {@link #tellOwed} tells it once the silence has
 * ended, if the alert is still open (or its resolve is owed because its opening was told).
 */
@ApplicationScoped
public class AlertEngine {

    @Inject
    AlertStore alerts;

    @Inject
    Event<AlertOpened> opened;

    @Inject
    Event<AlertResolved> resolved;

    /**
     * Judges the server's newly stored reports that are newer than any before, oldest first, against
     * the thresholds in force for it, and resolves its offline alert: it reported, so it is back.
     * {@code openAlerts} are the server's open alerts, read in this transaction with its health row locked;
     * {@code lifecycle} is how alerts resolve, read once per group ({@link AlertRulesConfig#lifecycle}).
     * Runs in the caller's transaction ({@code HealthService.judgeStored}, which requires one). Not itself
     * {@code @Transactional}: it runs once per server of every group, and the interceptor cost more
     * than the method under load.
     */
    public void reported(long serverRef, String serverId, List<Alert> openAlerts, List<MetricsReport> newReports,
                         Thresholds thresholds, AlertLifecycle lifecycle, Silences silences, Instant now) {
        Map<Key, Alert> open = openAlerts.stream()
                .collect(Collectors.toMap(Key::of, a -> a, (a, b) -> a, HashMap::new));
        Alert offline = open.remove(new Key(AlertKind.SERVER_OFFLINE, ""));
        boolean hold = offline != null;
        for (MetricsReport report : newReports) {
            judge(serverRef, serverId, report, open, thresholds, lifecycle, hold, silences, now);
        }
        if (offline != null) {
            // The offline alert's value was the silence when it opened; now it is the whole silence.
            double lastSeenSeconds = offline.openedAt().getEpochSecond() - offline.value();
            resolve(serverId, offline, Math.max(0, now.getEpochSecond() - lastSeenSeconds), now,
                    silenced(serverId, offline, silences, now));
            for (Alert owed : alerts.owed(serverRef)) {
                if (!silenced(serverId, owed, silences, now)) { // else told when its silence ends
                    tell(serverId, alerts.markNotified(owed));
                }
            }
        }
    }

    /**
     * Opens the server's offline alert unless one is open: it has been silent for {@code silence}. A
     * silence covering it holds its notice back (a maintenance window keeps it from being called at all).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void silent(long serverRef, String serverId, Duration silence, Duration timeout, Silences silences, Instant now) {
        if (!down(alerts.openOf(serverRef))) {
            boolean held = silences.cover(serverId, AlertKind.SERVER_OFFLINE, "", now);
            Alert alert = alerts.open(serverRef, AlertKind.SERVER_OFFLINE, "", silence.toSeconds(), timeout.toSeconds(),
                    now, !held);
            if (!held) {
                tell(serverId, alert);
            }
        }
    }

    /**
     * Tells, once, what silences held back about one server and no active silence covers any more: the
     * opening of each alert still open, the resolve of each whose opening was told. Nothing while the
     * server is Down (its return tells it). The caller holds the server's health row locked, as the
     * ingest writers do, so this cannot cross a report being judged, and a second instance doing the
     * same finds nothing owed once the first has committed. Returns how many notices it fired.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int tellOwed(long serverRef, String serverId, Silences silences, Instant now) {
        List<Alert> owed = alerts.owed(serverRef);
        int told = 0;
        if (owed.isEmpty() || down(alerts.openOf(serverRef))) {
            return told;
        }
        for (Alert alert : owed) {
            if (!silenced(serverId, alert, silences, now)) {
                tell(serverId, alerts.markNotified(alert));
                told++;
            }
        }
        return told;
    }

    /**
     * Opens and resolves the server's DISK_FILLING alerts from its disks' trends over the forecast window
     * ({@link DiskForecastRules#next}), at {@code now}: the forecast runs on a timer over stored reports,
     * not on each report. Held back like every other kind while the server is Down or a silence covers
     * it. The caller holds the server's health row locked, as the ingest writers do, and its open alerts
     * are read under that lock. Returns how many alerts opened or resolved.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forecast(long serverRef, String serverId, List<DiskTrend> trends, DiskForecastRules rules, Silences silences,
                        Instant now) {
        List<Alert> openAlerts = alerts.openOf(serverRef);
        boolean down = down(openAlerts);
        Map<String, Alert> filling = openAlerts.stream().filter(a -> a.kind() == AlertKind.DISK_FILLING)
                .collect(Collectors.toMap(Alert::subject, a -> a, (a, b) -> a));
        int changed = 0;
        for (DiskTrend trend : trends) {
            Alert alert = filling.get(trend.mountpoint());
            AlertLifecycle.Step step = rules.next(alert != null, trend);
            double atHorizon = rules.percentAtHorizon(trend);
            boolean hold = down || silences.cover(serverId, AlertKind.DISK_FILLING, trend.mountpoint(), now);
            if (step instanceof AlertLifecycle.Step.Open) {
                Alert added = alerts.open(serverRef, AlertKind.DISK_FILLING, trend.mountpoint(), atHorizon,
                        DiskForecastRules.FULL, now, !hold);
                if (!hold) {
                    tell(serverId, added);
                }
                changed++;
            } else if (step instanceof AlertLifecycle.Step.Resolve) {
                resolve(serverId, alert, atHorizon, now, hold);
                changed++;
            } else if (alert != null && Double.isFinite(atHorizon)) {
                alerts.observe(alert, atHorizon, 0);
            }
        }
        return changed;
    }

    /** True when the server's offline alert is among its open alerts. */
    private static boolean down(List<Alert> openAlerts) {
        return openAlerts.stream().anyMatch(a -> a.kind() == AlertKind.SERVER_OFFLINE);
    }

    private static boolean silenced(String serverId, Alert alert, Silences silences, Instant now) {
        return silences.cover(serverId, alert.kind(), alert.subject(), now);
    }

    private void judge(long serverRef, String serverId, MetricsReport report, Map<Key, Alert> open,
                       Thresholds thresholds, AlertLifecycle lifecycle, boolean serverDown, Silences silences, Instant now) {
        Set<String> openUnits = open.keySet().stream().filter(k -> k.kind() == AlertKind.FAILED_SERVICE)
                .map(Key::subject).collect(Collectors.toSet());
        for (Condition condition : Conditions.of(report, thresholds, openUnits)) {
            Key key = new Key(condition.kind(), condition.subject());
            Alert alert = open.get(key);
            AlertLifecycle.Step step = lifecycle.next(alert != null, alert == null ? 0 : alert.clearStreak(), condition);
            boolean hold = serverDown || silences.cover(serverId, condition.kind(), condition.subject(), now);
            if (step instanceof AlertLifecycle.Step.Open) {
                Alert added = alerts.open(serverRef, condition.kind(), condition.subject(), condition.value(),
                        condition.threshold(), report.timestamp(), !hold);
                open.put(key, added);
                if (!hold) {
                    tell(serverId, added);
                }
            } else if (step instanceof AlertLifecycle.Step.Resolve) {
                open.remove(key);
                resolve(serverId, alert, condition.value(), report.timestamp(), hold);
            } else if (step instanceof AlertLifecycle.Step.Stay stay && alert != null) {
                open.put(key, alerts.observe(alert, condition.value(), stay.clearStreak()));
            }
        }
    }

    /**
     * Resolves; when held, the resolve is owed only if the opening was told. An alert whose opening is
     * still owed (a silence that ended moments ago held it) resolves untold: nothing to take back.
     */
    private void resolve(String serverId, Alert alert, double value, Instant at, boolean hold) {
        boolean openingTold = alert.notified();
        boolean owed = hold && openingTold;
        Alert resolvedAlert = alerts.resolve(alert, value, at, !owed);
        if (!hold && openingTold) {
            tell(serverId, resolvedAlert);
        }
    }

    /** Fires the notice for the alert's current state. */
    private void tell(String serverId, Alert alert) {
        AlertNotice notice = AlertNotice.of(serverId, alert);
        if (notice.opened()) {
            opened.fire(new AlertOpened(notice));
        } else {
            resolved.fire(new AlertResolved(notice));
        }
    }

    private record Key(AlertKind kind, String subject) {
        static Key of(Alert alert) {
            return new Key(alert.kind(), alert.subject());
        }
    }
}
