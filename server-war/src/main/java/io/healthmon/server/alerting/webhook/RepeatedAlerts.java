package io.healthmon.server.alerting.webhook;

import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.application.port.AlertStore;
import io.healthmon.server.application.port.SilenceStore;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.Silences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Alertmanager repeats tell, read in a short transaction of its own that ends before any
 * receiver is called: every open alert that was told, and the alerts resolved within
 * {@link #RESOLVED_WITHIN}, as Prometheus resends resolved alerts so that a late open crossing a resolve
 * is put right. An alert an active silence covers is left out, open or resolved: silenced means not
 * told, and a repeat is a telling (Alertmanager then ends a silenced alert it knew by its {@code endsAt});
 * once the silence ends, its notice goes through the outbox and the repeats take it up again.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class RepeatedAlerts {

    /** How long a resolved alert is repeated, as Prometheus does. */
    static final Duration RESOLVED_WITHIN = Duration.ofMinutes(15);

    @Inject
    AlertStore alerts;

    @Inject
    SilenceStore silences;

    public List<AlertNotice> at(Instant now) {
        List<AlertNotice> notices = new ArrayList<>();
        Silences active = silences.activeAt(now);
        alerts.toldOpenOrResolvedSince(now.minus(RESOLVED_WITHIN)).stream()
                .filter(a -> !active.cover(a.serverId(), a.alert().kind(), a.alert().subject(), now))
                .forEach(a -> notices.add(AlertNotice.of(a.serverId(), a.alert())));
        return oneForEachLabelSet(notices);
    }

    /**
     * One alert for each set of labels Alertmanager sees (server, kind, subject): the open one if there
     * is one, else the latest resolved. Alertmanager keeps one alert per label set, and a resolved alert
     * posted after a newer open one with the same labels would replace it, ending it until the next repeat.
     */
    static List<AlertNotice> oneForEachLabelSet(List<AlertNotice> notices) {
        Map<LabelSet, AlertNotice> chosen = new LinkedHashMap<>();
        for (AlertNotice n : notices) {
            chosen.merge(new LabelSet(n.serverId(), n.kind(), n.subject()), n, RepeatedAlerts::preferred);
        }
        return List.copyOf(chosen.values());
    }

    private static AlertNotice preferred(AlertNotice a, AlertNotice b) {
        if (a.opened() != b.opened()) {
            return a.opened() ? a : b;
        }
        return a.alertId() >= b.alertId() ? a : b;
    }

    private record LabelSet(String serverId, AlertKind kind, String subject) {
    }
}
