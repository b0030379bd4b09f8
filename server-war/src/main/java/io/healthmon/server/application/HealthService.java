package io.healthmon.server.application;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.alerting.AlertEngine;
import io.healthmon.server.application.port.AlertStore;
import io.healthmon.server.application.port.HealthStore;
import io.healthmon.server.application.port.MetricsStore;
import io.healthmon.server.application.port.SilenceStore;
import io.healthmon.server.application.port.ThresholdStore;
import io.healthmon.server.config.AlertRulesConfig;
import io.healthmon.server.domain.Alert;
import io.healthmon.server.domain.AlertLifecycle;
import io.healthmon.server.domain.AlertRules;
import io.healthmon.server.domain.Classification;
import io.healthmon.server.domain.HealthClassifier;
import io.healthmon.server.domain.HealthState;
import io.healthmon.server.domain.ReportSummary;
import io.healthmon.server.domain.ServerHealth;
import io.healthmon.server.domain.Silences;
import io.healthmon.server.domain.Thresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Keeps each server's health row current: on every report (seen now, classified from its newest
 * report) and, from a timer, marking silent servers Down.
 */
@ApplicationScoped
public class HealthService {

    private static final Logger LOG = Logger.getLogger(HealthService.class.getName());

    /** The offline check's health rows; ingestion names its own ({@link IngestionService}). */
    @Inject
    HealthStore healthRows;

    @Inject
    AlertRulesConfig rulesConfig;

    @Inject
    AlertEngine alertEngine;

    @Inject
    AlertStore alertRows;

    @Inject
    ThresholdStore overrides;

    @Inject
    SilenceStore silenceRows;

    @Inject
    Clock clock;

    /**
     * For each server of {@code storedByServer}: marks it seen at {@code now}; takes the values of the
     * newest of its stored reports when it is newer than what the health row holds; classifies; and
     * has the alert engine judge the stored reports newer than any before. Runs in the caller's
     * transaction; the servers' health rows and open alerts are read in one query each, rows locked,
     * and the health rows (last seen included) are written back in one statement, through {@code healthStore}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void judgeStored(Map<Long, List<MetricsStore.Row>> storedByServer, Instant now, HealthStore healthStore)
            throws SQLException {
        Map<Long, ServerHealth> rows = healthStore.lockForUpdate(storedByServer.keySet());
        Map<Long, List<Alert>> openAlerts = alertRows.openOf(storedByServer.keySet());
        // Read once per group: a lookup in Payara's config sources costs more than judging a report.
        AlertRules rules = rulesConfig.current();
        AlertLifecycle lifecycle = rulesConfig.lifecycle();
        Silences silences = silenceRows.activeAt(now);
        List<ServerHealth> judged = new ArrayList<>(rows.size());
        for (Map.Entry<Long, List<MetricsStore.Row>> server : storedByServer.entrySet()) {
            ServerHealth row = rows.get(server.getKey());
            if (row == null) {
                throw new IllegalStateException("server " + server.getKey() + " has no health row");
            }
            judged.add(judgeServer(row, openAlerts.getOrDefault(server.getKey(), List.of()), server.getValue(), rules,
                    lifecycle, silences, now));
        }
        healthStore.write(judged);
    }

    private ServerHealth judgeServer(ServerHealth row, List<Alert> openAlerts, List<MetricsStore.Row> stored, AlertRules rules,
                                     AlertLifecycle lifecycle, Silences silences, Instant now) {
        Instant latestBefore = row.latestCollectedAt();
        row = row.heardFrom(now);
        // A replayed report older than the newest one already judged is history: stored, not judged.
        List<MetricsReport> newer = stored.stream().map(MetricsStore.Row::report)
                .filter(r -> latestBefore == null || r.timestamp().isAfter(latestBefore))
                .sorted(Comparator.comparing(MetricsReport::timestamp)).toList();
        ReportSummary judged = null;
        if (!newer.isEmpty()) {
            MetricsReport newest = newer.get(newer.size() - 1);
            judged = ReportSummary.of(newest);
            row = row.withLatest(ServerHealth.Latest.of(judged), newest.agentVersion());
        }
        // Status and alerts judge by the same thresholds: the server's own, else the global ones.
        Thresholds thresholds = overrides.find(row.serverRef()).over(rules);
        // A newer report is judged whole, every disk against its own threshold. Without one (only
        // replays), the state stands unless the server was Down or never seen: then the row's values decide.
        if (judged != null || row.state() == HealthState.DOWN || row.state() == HealthState.NEVER_SEEN) {
            row = classify(row, judged != null ? judged : summaryOf(row), thresholds, rules.offlineTimeout(), now);
        }
        alertEngine.reported(row.serverRef(), row.serverId(), openAlerts, newer, thresholds, lifecycle, silences, now);
        return row;
    }

    /**
     * Marks Down every server silent for longer than the offline timeout, except one in a maintenance
     * window (a silence covering its offline alert) or within the timeout of its window's end; returns
     * the servers marked.
     */
    @Transactional(rollbackOn = SQLException.class)
    public List<String> markSilentServersDown() throws SQLException {
        Instant now = clock.instant();
        AlertRules rules = rulesConfig.current();
        Silences silences = silenceRows.inForceOrEndedWithin(now, rules.offlineTimeout());
        List<ServerHealth> silent = healthRows.lockSilentSince(now.minus(rules.offlineTimeout())).stream()
                .filter(row -> silences.offline(row.serverId(), row.lastSeen(), rules.offlineTimeout(), now))
                .toList();
        List<ServerHealth> down = new ArrayList<>(silent.size());
        for (ServerHealth before : silent) {
            ServerHealth row = classify(before, summaryOf(before), Thresholds.of(rules), rules.offlineTimeout(), now);
            LOG.warning(() -> "Server " + row.serverId() + " is DOWN: " + row.reasons());
            Duration silence = Duration.between(row.lastSeen(), now);
            alertEngine.silent(row.serverRef(), row.serverId(), silence, rules.offlineTimeout(), silences, now);
            down.add(row);
        }
        healthRows.write(down);
        return down.stream().map(ServerHealth::serverId).toList();
    }

    private static ServerHealth classify(ServerHealth row, ReportSummary latest, Thresholds thresholds,
                                         Duration offlineTimeout, Instant now) {
        Classification c = HealthClassifier.classify(row.lastSeen(), latest, thresholds, offlineTimeout, now);
        if (row.state() != c.state()) {
            LOG.info(() -> "Server " + row.serverId() + " is now " + c.state()
                    + (c.reasons().isEmpty() ? "" : ": " + c.reasonText()));
        }
        return row.classified(c.state(), c.reasonText(), now);
    }

    /** The headline values the health row holds, as the classifier reads them. */
    static ReportSummary summaryOf(ServerHealth row) {
        return row.latest() == null ? null : row.latest().summary();
    }
}
