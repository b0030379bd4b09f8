package io.healthmon.server.alerting.webhook.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.domain.AlertKind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Alertmanager's postable alerts: labels per kind, annotations, and when each alert ends. */
class AlertmanagerFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-06T10:06:00Z");
    private static final AlertmanagerFormat FORMAT = new AlertmanagerFormat(
            new DashboardLinks(URI.create("https://healthmon.example/")), Duration.ofSeconds(60));

    private static JsonNode one(AlertNotice notice) throws Exception {
        JsonNode body = JSON.readTree(FORMAT.body(notice, NOW));
        assertTrue(body.isArray(), "a JSON array of postable alerts");
        assertEquals(1, body.size());
        JsonNode alert = body.get(0);
        Set<String> fields = new java.util.HashSet<>();
        alert.fieldNames().forEachRemaining(fields::add);
        assertTrue(Set.of("labels", "annotations", "startsAt", "endsAt", "generatorURL").containsAll(fields), fields.toString());
        return alert;
    }

    private static Map<String, String> labels(JsonNode alert) {
        return JSON.convertValue(alert.get("labels"), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }

    @Test
    void eachKindHasItsNameServerSeverityAndOnlyTheSubjectLabelThatAppliesToIt() throws Exception {
        assertEquals(Map.of("alertname", "HIGH_CPU", "server_id", "web-01", "severity", "warning"),
                labels(one(Notices.opened(AlertKind.HIGH_CPU, "", 95, 90))));
        assertEquals(Map.of("alertname", "HIGH_DISK", "server_id", "web-01", "severity", "warning", "mountpoint", "/var"),
                labels(one(Notices.opened(AlertKind.HIGH_DISK, "/var", 91, 80))));
        assertEquals(Map.of("alertname", "INODES_HIGH", "server_id", "web-01", "severity", "warning", "mountpoint", "/var"),
                labels(one(Notices.opened(AlertKind.INODES_HIGH, "/var", 95, 90))));
        assertEquals("inodes of /var at 95.0 % used, above the threshold of 90.0 %",
                one(Notices.opened(AlertKind.INODES_HIGH, "/var", 95, 90)).at("/annotations/description").asText());
        assertEquals(Map.of("alertname", "DISK_FILLING", "server_id", "web-01", "severity", "warning", "mountpoint", "/var"),
                labels(one(Notices.opened(AlertKind.DISK_FILLING, "/var", 130, 100))));
        assertEquals("disk /var forecast to fill within the horizon (130.0 % by its end)",
                one(Notices.opened(AlertKind.DISK_FILLING, "/var", 130, 100)).at("/annotations/description").asText());
        assertEquals("disk /var no longer forecast to fill soon (70.0 % by the horizon's end)",
                one(Notices.resolved(AlertKind.DISK_FILLING, "/var", 70, 100)).at("/annotations/description").asText());
        assertEquals(Map.of("alertname", "FAILED_SERVICE", "server_id", "web-01", "severity", "warning", "unit", "nginx.service"),
                labels(one(Notices.opened(AlertKind.FAILED_SERVICE, "nginx.service", 1, 0))));
        assertEquals(Map.of("alertname", "SERVER_OFFLINE", "server_id", "web-01", "severity", "critical"),
                labels(one(Notices.opened(AlertKind.SERVER_OFFLINE, "", 320, 300))));
    }

    @Test
    void anOpenAlertStartsWhenItOpenedAndEndsFourRepeatIntervalsFromNow() throws Exception {
        JsonNode alert = one(Notices.opened(AlertKind.HIGH_DISK, "/var", 91.5, 80));
        assertEquals(Notices.OPENED_AT, Instant.parse(alert.get("startsAt").asText()));
        assertEquals(NOW.plus(Duration.ofMinutes(4)), Instant.parse(alert.get("endsAt").asText()));
        assertEquals("https://healthmon.example/#/servers/web-01", alert.get("generatorURL").asText());
        assertEquals("HIGH_DISK on web-01 (/var)", alert.at("/annotations/summary").asText());
        assertEquals("disk /var at 91.5 %, above the threshold of 80.0 %", alert.at("/annotations/description").asText());
        assertEquals("91.5", alert.at("/annotations/value").asText());
        assertEquals("80.0", alert.at("/annotations/threshold").asText());
        assertEquals("42", alert.at("/annotations/alert_id").asText());
    }

    @Test
    void aResolvedAlertEndsWhenItResolvedButNeverAfterNow() throws Exception {
        JsonNode alert = one(Notices.resolved(AlertKind.HIGH_CPU, "", 10, 90));
        assertEquals(Notices.RESOLVED_AT, Instant.parse(alert.get("endsAt").asText()));
        assertEquals(Notices.OPENED_AT, Instant.parse(alert.get("startsAt").asText()));

        AlertNotice aheadOfUs = new AlertNotice(java.util.UUID.randomUUID(), AlertNotice.RESOLVED, 7, "web-01", AlertKind.HIGH_CPU,
                "", 10, 90, Notices.OPENED_AT, NOW.plusSeconds(120));
        assertEquals(NOW, Instant.parse(one(aheadOfUs).get("endsAt").asText()), "an agent's clock ahead does not keep it firing");
    }

    @Test
    void anAlertStoredAsResolvedBeforeItOpenedEndsWhenItStarts() throws Exception {
        AlertNotice backwards = new AlertNotice(java.util.UUID.randomUUID(), AlertNotice.RESOLVED, 9, "web-01", AlertKind.SERVER_OFFLINE,
                "", 60, 30, Notices.RESOLVED_AT, Notices.OPENED_AT);
        JsonNode alert = one(backwards);
        assertEquals(Notices.RESOLVED_AT, Instant.parse(alert.get("startsAt").asText()));
        assertEquals(Notices.RESOLVED_AT, Instant.parse(alert.get("endsAt").asText()), "Alertmanager refuses an alert ending before it starts");
    }

    @Test
    void anAlertStampedAheadOfNowStartsNowSoItNeverEndsBeforeItStarts() throws Exception {
        AlertNotice opensAhead = new AlertNotice(java.util.UUID.randomUUID(), AlertNotice.OPENED, 8, "web-01", AlertKind.HIGH_CPU,
                "", 95, 90, NOW.plusSeconds(290), null);
        JsonNode alert = one(opensAhead);
        assertEquals(NOW, Instant.parse(alert.get("startsAt").asText()));
        assertEquals(NOW.plus(Duration.ofMinutes(4)), Instant.parse(alert.get("endsAt").asText()));
    }

    @Test
    void withoutADashboardUrlThereIsNoGeneratorUrl() throws Exception {
        String body = new AlertmanagerFormat(DashboardLinks.NONE, Duration.ofSeconds(60))
                .body(Notices.opened(AlertKind.HIGH_CPU, "", 95, 90), NOW);
        assertFalse(JSON.readTree(body).get(0).has("generatorURL"), body);
    }

    @Test
    void severalAlertsGoInOneArrayInOrder() throws Exception {
        JsonNode body = JSON.readTree(FORMAT.bodyOf(List.of(Notices.opened(AlertKind.HIGH_CPU, "", 95, 90),
                Notices.resolved(AlertKind.FAILED_SERVICE, "cron.service", 0, 0)), NOW));
        assertEquals(List.of("HIGH_CPU", "FAILED_SERVICE"), body.findValuesAsText("alertname"));
    }
}
