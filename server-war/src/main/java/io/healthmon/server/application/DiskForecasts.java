package io.healthmon.server.application;

import io.healthmon.server.alerting.AlertEngine;
import io.healthmon.server.application.port.AlertStore;
import io.healthmon.server.application.port.DiskTrendReads;
import io.healthmon.server.application.port.HealthStore;
import io.healthmon.server.application.port.SilenceStore;
import io.healthmon.server.config.AlertRulesConfig;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.AlertLifecycle;
import io.healthmon.server.domain.DiskForecastRules;
import io.healthmon.server.domain.DiskTrend;
import io.healthmon.server.domain.Silences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The disk-full forecast over the whole fleet, one run: every disk's use over the window is fitted in
 * one query ({@link DiskTrendReads#fleet}), judged without locks against the open DISK_FILLING alerts,
 * and only the servers with such an alert or one to open have their health row locked, in server order
 * as the ingest writers lock them, and are judged again under the lock ({@link AlertEngine#forecast}).
 * The ingest path is left alone: it never fits anything.
 */
@ApplicationScoped
public class DiskForecasts {

    @Inject
    DiskTrendReads trends;

    @Inject
    AlertStore alerts;

    @Inject
    HealthStore healthRows;

    @Inject
    SilenceStore silences;

    @Inject
    AlertEngine alertEngine;

    @Inject
    AlertRulesConfig rulesConfig;

    @Inject
    Clock clock;

    /** Returns how many DISK_FILLING alerts opened or resolved. */
    @Transactional(rollbackOn = SQLException.class)
    public int judgeFleet() throws SQLException {
        Instant now = clock.instant();
        DiskForecastRules rules = rulesConfig.diskForecast();
        Map<Long, List<DiskTrend>> byServer = trends.fleet(now.minus(rules.window()), now);
        Map<Long, Set<String>> open = alerts.openSubjects(AlertKind.DISK_FILLING);
        TreeSet<Long> due = new TreeSet<>();
        byServer.forEach((serverRef, disks) -> {
            Set<String> openHere = open.getOrDefault(serverRef, Set.of());
            if (!openHere.isEmpty() || disks.stream().anyMatch(d -> rules.next(false, d) instanceof AlertLifecycle.Step.Open)) {
                due.add(serverRef);
            }
        });
        if (due.isEmpty()) {
            return 0;
        }
        Silences active = silences.activeAt(now);
        int changed = 0;
        for (long serverRef : due) {
            String serverId = healthRows.lock(serverRef);
            changed += alertEngine.forecast(serverRef, serverId, byServer.get(serverRef), rules, active, now);
        }
        return changed;
    }
}
