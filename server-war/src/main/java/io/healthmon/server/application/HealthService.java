package io.healthmon.server.application;

import io.healthmon.report.DiskUsage;
import io.healthmon.report.MetricsReport;
import io.healthmon.server.alerting.AlertEngine;
import io.healthmon.server.application.port.SilenceStore;
import io.healthmon.server.application.port.ThresholdStore;
import io.healthmon.server.config.AlertRulesConfig;
import io.healthmon.server.domain.AlertLifecycle;
import io.healthmon.server.domain.AlertRules;
import io.healthmon.server.domain.Classification;
import io.healthmon.server.domain.HealthClassifier;
import io.healthmon.server.domain.HealthState;
import io.healthmon.server.domain.ReportSummary;
import io.healthmon.server.domain.Silences;
import io.healthmon.server.domain.Thresholds;
import io.healthmon.server.persistence.jdbc.HealthRows;
import io.healthmon.server.persistence.jdbc.MetricsRow;
import io.healthmon.server.persistence.jpa.AlertEntity;
import io.healthmon.server.persistence.jpa.AlertRepository;
import io.healthmon.server.persistence.jpa.FailedServicesJson;
import io.healthmon.server.persistence.jpa.HealthStatusEntity;
import io.healthmon.server.persistence.jpa.ServerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    @Inject
    ServerRepository servers;

    @Inject
    HealthRows healthRows;

    @Inject
    AlertRulesConfig rulesConfig;

    @Inject
    AlertEngine alertEngine;

    @Inject
    AlertRepository alertRows;

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
     * and the health rows (last seen included) are written back in one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void judgeStored(Map<Long, List<MetricsRow>> storedByServer, Instant now) throws SQLException {
        Map<Long, HealthStatusEntity> rows = healthRows.lockForUpdate(storedByServer.keySet());
        Map<Long, List<AlertEntity>> openAlerts = alertRows.open(storedByServer.keySet());
        // Read once per group: a lookup in Payara's config sources costs more than judging a report.
        AlertRules rules = rulesConfig.current();
        AlertLifecycle lifecycle = rulesConfig.lifecycle();
        Silences silences = silenceRows.activeAt(now);
        for (Map.Entry<Long, List<MetricsRow>> server : storedByServer.entrySet()) {
            HealthStatusEntity row = rows.get(server.getKey());
            if (row == null) {
                throw new IllegalStateException("server " + server.getKey() + " has no health row");
            }
            judgeServer(row, openAlerts.getOrDefault(server.getKey(), List.of()), server.getValue(), rules, lifecycle, silences, now);
        }
        healthRows.write(rows.values());
    }

    private void judgeServer(HealthStatusEntity row, List<AlertEntity> openAlerts, List<MetricsRow> stored, AlertRules rules,
                      AlertLifecycle lifecycle, Silences silences, Instant now) {
        long serverRef = row.getServerRef();
        row.heardFromAt(now);
        Instant latestBefore = row.getLatestCollectedAt();
        // A replayed report older than the newest one already judged is history: stored, not judged.
        List<MetricsRow> newerRows = stored.stream()
                .filter(r -> latestBefore == null || r.report().timestamp().isAfter(latestBefore))
                .sorted(Comparator.comparing(r -> r.report().timestamp())).toList();
        List<MetricsReport> newer = newerRows.stream().map(MetricsRow::report).toList();
        ReportSummary judged = null;
        if (!newer.isEmpty()) {
            MetricsReport newest = newer.get(newer.size() - 1);
            ReportSummary summary = ReportSummary.of(newest);
            judged = summary;
            DiskUsage fullest = summary.fullestDisk();
            row.latest(newest.timestamp(), summary.cpuUsage(), summary.memoryPercentage(),
                    summary.load1(), fullest == null ? null : fullest.mountpoint(),
                    fullest == null ? null : fullest.percentage(),
                    // The same JSON as the newest report's metrics row, written once on its request's thread.
                    newerRows.get(newerRows.size() - 1).failedServicesJson());
            row.agentVersion(newest.agentVersion());
        }
        // Status and alerts judge by the same thresholds: the server's own, else the global ones.
        Thresholds thresholds = overrides.find(serverRef).over(rules);
        // A newer report is judged whole, every disk against its own threshold. Without one (only
        // replays), the state stands unless the server was Down or never seen: then the row's values decide.
        if (judged != null || row.getState() == HealthState.DOWN || row.getState() == HealthState.NEVER_SEEN) {
            classify(row, judged != null ? judged : summaryOf(row), thresholds, rules.offlineTimeout(), now);
        }
        alertEngine.reported(row.getServer(), openAlerts, newer, thresholds, lifecycle, silences, now);
    }

    /**
     * Marks Down every server silent for longer than the offline timeout, except one in a maintenance
     * window (a silence covering its offline alert) or within the timeout of its window's end; returns
     * the servers marked.
     */
    @Transactional
    public List<String> markSilentServersDown() {
        Instant now = clock.instant();
        AlertRules rules = rulesConfig.current();
        Silences silences = silenceRows.inForceOrEndedWithin(now, rules.offlineTimeout());
        List<HealthStatusEntity> silent = servers.lockSilentSince(now.minus(rules.offlineTimeout())).stream()
                .filter(row -> silences.offline(row.getServer().getServerId(), row.getLastSeenAt(),
                        rules.offlineTimeout(), now))
                .toList();
        for (HealthStatusEntity row : silent) {
            classify(row, summaryOf(row), Thresholds.of(rules), rules.offlineTimeout(), now);
            LOG.warning(() -> "Server " + row.getServer().getServerId() + " is DOWN: " + row.getReasons());
            Duration silence = Duration.between(row.getLastSeenAt(), now);
            alertEngine.silent(row.getServer(), silence, rules.offlineTimeout(), silences, now);
        }
        return silent.stream().map(r -> r.getServer().getServerId()).toList();
    }

    private void classify(HealthStatusEntity row, ReportSummary latest, Thresholds thresholds, Duration offlineTimeout,
                          Instant now) {
        Classification c = HealthClassifier.classify(row.getLastSeenAt(), latest, thresholds, offlineTimeout, now);
        HealthState before = row.getState();
        row.classify(c.state(), c.reasonText(), now);
        if (before != c.state()) {
            LOG.info(() -> "Server " + row.getServer().getServerId() + " is now " + c.state()
                    + (c.reasons().isEmpty() ? "" : ": " + c.reasonText()));
        }
    }

    /** The headline values the health row holds, as the classifier reads them. */
    static ReportSummary summaryOf(HealthStatusEntity row) {
        Instant collectedAt = row.getLatestCollectedAt();
        if (collectedAt == null) {
            return null;
        }
        List<DiskUsage> disks = row.getFullestDisk() == null ? List.of()
                : List.of(DiskUsage.of(row.getFullestDisk(), 0, 0, row.getFullestDiskPercentage()));
        return new ReportSummary(collectedAt, row.getCpuUsage(),
                row.getMemoryPercentage(), row.getLoad1(), disks, FailedServicesJson.read(row.getFailedServicesJson()));
    }
}
