package io.healthmon.server.alerting.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.domain.AlertKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which alert of a label set the repeats send: Alertmanager keeps one per label set, and the last one posted wins. */
class RepeatedAlertsTest {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

    private static AlertNotice alert(long id, String server, AlertKind kind, String subject, boolean open) {
        return new AlertNotice(UUID.randomUUID(), open ? AlertNotice.OPENED : AlertNotice.RESOLVED, id, server, kind, subject,
                1, 0, T.plusSeconds(id), open ? null : T.plusSeconds(id + 1));
    }

    @Test
    void anOpenAlertHidesTheResolvedOnesWithItsLabelsAndOnlyTheLatestResolvedIsRepeated() {
        AlertNotice oldResolved = alert(1, "web-01", AlertKind.HIGH_CPU, "", false);
        AlertNotice open = alert(2, "web-01", AlertKind.HIGH_CPU, "", true);
        AlertNotice unitResolvedFirst = alert(3, "web-01", AlertKind.FAILED_SERVICE, "a.service", false);
        AlertNotice unitResolvedLater = alert(5, "web-01", AlertKind.FAILED_SERVICE, "a.service", false);
        AlertNotice otherUnit = alert(4, "web-01", AlertKind.FAILED_SERVICE, "b.service", false);
        AlertNotice otherServer = alert(6, "web-02", AlertKind.HIGH_CPU, "", false);

        List<AlertNotice> chosen = RepeatedAlerts.oneForEachLabelSet(
                List.of(oldResolved, open, unitResolvedFirst, otherUnit, unitResolvedLater, otherServer));

        assertEquals(List.of(open, unitResolvedLater, otherUnit, otherServer), chosen);
    }
}
