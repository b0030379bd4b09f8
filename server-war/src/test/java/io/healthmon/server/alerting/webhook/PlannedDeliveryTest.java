package io.healthmon.server.alerting.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.config.WebhookConfig;
import io.healthmon.server.config.WebhookFormat;
import io.healthmon.server.domain.AlertKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox rows of one notice: one per receiver URL, each body in its receiver's format, rendered once per format. */
class PlannedDeliveryTest {

    @Test
    void eachReceiverGetsItsFormatsBodyUnderTheNoticesEventId() {
        AlertNotice notice = new AlertNotice(UUID.randomUUID(), AlertNotice.OPENED, 1, "web-01", AlertKind.HIGH_CPU, "", 95, 90,
                Instant.parse("2026-12-06T10:00:00Z"), null);
        List<WebhookConfig.Receiver> receivers = List.of(
                new WebhookConfig.Receiver("a", "http://a/hook", WebhookFormat.GENERIC),
                new WebhookConfig.Receiver("s", "http://s/hook", WebhookFormat.SLACK),
                new WebhookConfig.Receiver("b", "http://b/hook", WebhookFormat.GENERIC),
                new WebhookConfig.Receiver("am", "http://am/api/v2/alerts", WebhookFormat.ALERTMANAGER));
        List<WebhookFormat> rendered = new ArrayList<>();

        List<PlannedDelivery> planned = PlannedDelivery.fanOut(notice, receivers, f -> {
            rendered.add(f);
            return f.configName() + " body";
        });

        assertEquals(List.of(
                new PlannedDelivery(notice.eventId(), "http://a/hook", "generic body"),
                new PlannedDelivery(notice.eventId(), "http://s/hook", "slack body"),
                new PlannedDelivery(notice.eventId(), "http://b/hook", "generic body"),
                new PlannedDelivery(notice.eventId(), "http://am/api/v2/alerts", "alertmanager body")), planned);
        assertEquals(List.of(WebhookFormat.GENERIC, WebhookFormat.SLACK, WebhookFormat.ALERTMANAGER), rendered);
    }
}
