package io.healthmon.server.alerting.webhook.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.domain.AlertKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Alertmanager's postable alerts (its v2 API, {@code POST /api/v2/alerts}): a JSON array of
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt} and {@code generatorURL}.
 * The labels identify the alert as Alertmanager groups and silences it: {@code alertname} (the kind),
 * {@code server_id}, {@code severity}, and {@code mountpoint} or {@code unit} where the kind has one.
 * Words and figures go in the annotations, which may change without making another alert.
 *
 * <p>An open alert ends four repeat intervals after it is rendered, as Prometheus sends them: the
 * repeats ({@code AlertmanagerRepeat}) push that end on while healthmon keeps the alert open, and if
 * healthmon goes silent Alertmanager resolves the alert by itself rather than keep it firing forever.
 * A resolved alert ends when it resolved. Neither time is ever after now: the times are the reports'
 * own, and an agent whose clock runs ahead (within the allowed skew) would otherwise leave a resolved
 * alert firing until that time, or send an open one that starts after it ends, which Alertmanager
 * refuses as invalid. Nor does an alert end before it starts, whatever its stored times say.
 */
public record AlertmanagerFormat(DashboardLinks links, Duration repeatInterval) implements NoticeFormat {

    /** How many repeat intervals an open alert lasts without another post. */
    static final int ENDS_AFTER_INTERVALS = 4;

    @Override
    public String body(AlertNotice notice, Instant now) {
        return bodyOf(List.of(notice), now);
    }

    /** Several alerts in one post, as the repeats send them. */
    public String bodyOf(List<AlertNotice> notices, Instant now) {
        ArrayNode alerts = Json.array();
        notices.forEach(n -> alerts.add(alert(n, now)));
        return Json.write(alerts);
    }

    private ObjectNode alert(AlertNotice n, Instant now) {
        ObjectNode alert = Json.object();
        ObjectNode labels = alert.putObject("labels")
                .put("alertname", n.kind().name())
                .put("server_id", n.serverId())
                .put("severity", n.kind() == AlertKind.SERVER_OFFLINE ? "critical" : "warning");
        if (n.kind() == AlertKind.HIGH_DISK || n.kind() == AlertKind.INODES_HIGH || n.kind() == AlertKind.DISK_FILLING) {
            labels.put("mountpoint", n.subject());
        } else if (n.kind() == AlertKind.FAILED_SERVICE) {
            labels.put("unit", n.subject());
        }
        alert.putObject("annotations")
                .put("summary", AlertWording.summary(n))
                .put("description", AlertWording.condition(n))
                .put("value", AlertWording.number(n.value()))
                .put("threshold", AlertWording.number(n.threshold()))
                .put("alert_id", Long.toString(n.alertId()));
        Instant startsAt = notAfter(n.openedAt(), now);
        Instant endsAt = endsAt(n, now);
        alert.put("startsAt", startsAt.toString());
        // Alertmanager refuses an alert that ends before it starts, and with it every alert of the post.
        alert.put("endsAt", (endsAt.isBefore(startsAt) ? startsAt : endsAt).toString());
        links.serverPage(n.serverId()).ifPresent(url -> alert.put("generatorURL", url));
        return alert;
    }

    private Instant endsAt(AlertNotice n, Instant now) {
        return n.opened() ? now.plus(repeatInterval.multipliedBy(ENDS_AFTER_INTERVALS)) : notAfter(n.resolvedAt(), now);
    }

    private static Instant notAfter(Instant time, Instant now) {
        return time.isAfter(now) ? now : time;
    }
}
