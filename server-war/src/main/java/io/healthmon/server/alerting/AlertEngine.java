package io.healthmon.server.alerting;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.config.AlertRulesConfig;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.AlertLifecycle;
import io.healthmon.server.domain.Condition;
import io.healthmon.server.domain.Conditions;
import io.healthmon.server.domain.DiskForecastRules;
import io.healthmon.server.domain.DiskTrend;
import io.healthmon.server.domain.Silences;
import io.healthmon.server.domain.Thresholds;
import io.healthmon.server.persistence.jpa.AlertEntity;
import io.healthmon.server.persistence.jpa.AlertRepository;
import io.healthmon.server.persistence.jpa.ServerEntity;
import io.healthmon.server.persistence.jpa.ServerRepository;
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
    AlertRepository alerts;

    @Inject
    ServerRepository servers;

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
    public void reported(ServerEntity server, List<AlertEntity> openAlerts, List<MetricsReport> newReports,
                         Thresholds thresholds, AlertLifecycle lifecycle, Silences silences, Instant now) {
        Map<Key, AlertEntity> open = openAlerts.stream()
                .collect(Collectors.toMap(Key::of, a -> a, (a, b) -> a, HashMap::new));
        AlertEntity offline = open.remove(new Key(AlertKind.SERVER_OFFLINE, ""));
        boolean hold = offline != null;
        for (MetricsReport report : newReports) {
            judge(server, report, open, thresholds, lifecycle, hold, silences, now);
        }
        if (offline != null) {
            // The offline alert's value was the silence when it opened; now it is the whole silence.
            double lastSeenSeconds = offline.getOpenedAt().getEpochSecond() - offline.getValue();
            resolve(server, offline, Math.max(0, now.getEpochSecond() - lastSeenSeconds), now,
                    silenced(server, offline, silences, now));
            for (AlertEntity owed : alerts.held(server.getId())) {
                if (!silenced(server, owed, silences, now)) { // else told when its silence ends
                    owed.markNotified();
                    tell(server, owed);
                }
            }
        }
    }

    /**
     * Opens the server's offline alert unless one is open: it has been silent for {@code silence}. A
     * silence covering it holds its notice back (a maintenance window keeps it from being called at all).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void silent(ServerEntity server, Duration silence, Duration timeout, Silences silences, Instant now) {
        boolean alreadyOpen = alerts.open(server.getId()).stream()
                .anyMatch(a -> AlertKind.SERVER_OFFLINE.name().equals(a.getKind()));
        if (!alreadyOpen) {
            boolean held = silences.cover(server.getServerId(), AlertKind.SERVER_OFFLINE, "", now);
            AlertEntity alert = alerts.add(new AlertEntity(managed(server), AlertKind.SERVER_OFFLINE.name(), "",
                    silence.toSeconds(), timeout.toSeconds(), now, !held));
            if (!held) {
                tell(server, alert);
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
    public int tellOwed(long serverRef, Silences silences, Instant now) {
        List<AlertEntity> owed = alerts.held(serverRef);
        boolean down = alerts.open(serverRef).stream().anyMatch(a -> AlertKind.SERVER_OFFLINE.name().equals(a.getKind()));
        int told = 0;
        if (down || owed.isEmpty()) {
            return told;
        }
        ServerEntity server = owed.get(0).getServer();
        for (AlertEntity alert : owed) {
            if (!silenced(server, alert, silences, now)) {
                alert.markNotified();
                tell(server, alert);
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
    public int forecast(long serverRef, List<DiskTrend> trends, DiskForecastRules rules, Silences silences, Instant now) {
        List<AlertEntity> openAlerts = alerts.open(serverRef);
        boolean down = openAlerts.stream().anyMatch(a -> AlertKind.SERVER_OFFLINE.name().equals(a.getKind()));
        Map<String, AlertEntity> filling = openAlerts.stream().filter(a -> AlertKind.DISK_FILLING.name().equals(a.getKind()))
                .collect(Collectors.toMap(AlertEntity::getSubject, a -> a, (a, b) -> a));
        ServerEntity server = servers.reference(serverRef);
        int changed = 0;
        for (DiskTrend trend : trends) {
            AlertEntity alert = filling.get(trend.mountpoint());
            AlertLifecycle.Step step = rules.next(alert != null, trend);
            double atHorizon = rules.percentAtHorizon(trend);
            boolean hold = down || silences.cover(server.getServerId(), AlertKind.DISK_FILLING, trend.mountpoint(), now);
            if (step instanceof AlertLifecycle.Step.Open) {
                AlertEntity added = alerts.add(new AlertEntity(server, AlertKind.DISK_FILLING.name(), trend.mountpoint(),
                        atHorizon, DiskForecastRules.FULL, now, !hold));
                if (!hold) {
                    tell(server, added);
                }
                changed++;
            } else if (step instanceof AlertLifecycle.Step.Resolve) {
                resolve(server, alert, atHorizon, now, hold);
                changed++;
            } else if (alert != null && Double.isFinite(atHorizon)) {
                alert.observe(atHorizon, 0);
            }
        }
        return changed;
    }

    private static boolean silenced(ServerEntity server, AlertEntity alert, Silences silences, Instant now) {
        return silences.cover(server.getServerId(), AlertKind.valueOf(alert.getKind()), alert.getSubject(), now);
    }

    private void judge(ServerEntity server, MetricsReport report, Map<Key, AlertEntity> open,
                       Thresholds thresholds, AlertLifecycle lifecycle, boolean serverDown, Silences silences, Instant now) {
        Set<String> openUnits = open.keySet().stream().filter(k -> k.kind() == AlertKind.FAILED_SERVICE)
                .map(Key::subject).collect(Collectors.toSet());
        for (Condition condition : Conditions.of(report, thresholds, openUnits)) {
            Key key = new Key(condition.kind(), condition.subject());
            AlertEntity alert = open.get(key);
            AlertLifecycle.Step step = lifecycle.next(alert != null, alert == null ? 0 : alert.getClearStreak(), condition);
            boolean hold = serverDown || silences.cover(server.getServerId(), condition.kind(), condition.subject(), now);
            if (step instanceof AlertLifecycle.Step.Open) {
                AlertEntity added = alerts.add(new AlertEntity(managed(server), condition.kind().name(), condition.subject(),
                        condition.value(), condition.threshold(), report.timestamp(), !hold));
                open.put(key, added);
                if (!hold) {
                    tell(server, added);
                }
            } else if (step instanceof AlertLifecycle.Step.Resolve) {
                open.remove(key);
                resolve(server, alert, condition.value(), report.timestamp(), hold);
            } else if (step instanceof AlertLifecycle.Step.Stay stay && alert != null) {
                alert.observe(condition.value(), stay.clearStreak());
            }
        }
    }

    /**
     * The server as JPA manages it, for a new alert's reference: the ingest writers read servers by
     * plain JDBC ({@code HealthRows}), and JPA refuses a relation to an object it does not know.
     */
    private ServerEntity managed(ServerEntity server) {
        return servers.reference(server.getId());
    }

    /**
     * Resolves; when held, the resolve is owed only if the opening was told. An alert whose opening is
     * still owed (a silence that ended moments ago held it) resolves untold: nothing to take back.
     */
    private void resolve(ServerEntity server, AlertEntity alert, double value, Instant at, boolean hold) {
        boolean openingTold = alert.isNotified();
        boolean owed = hold && openingTold;
        alert.resolve(value, at, !owed);
        if (!hold && openingTold) {
            tell(server, alert);
        }
    }

    /** Fires the notice for the alert's current state. */
    private void tell(ServerEntity server, AlertEntity alert) {
        AlertNotice notice = AlertNotice.of(server.getServerId(), alert);
        if (notice.opened()) {
            opened.fire(new AlertOpened(notice));
        } else {
            resolved.fire(new AlertResolved(notice));
        }
    }

    private record Key(AlertKind kind, String subject) {
        static Key of(AlertEntity alert) {
            return new Key(AlertKind.valueOf(alert.getKind()), alert.getSubject());
        }
    }
}
