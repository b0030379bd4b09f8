package io.healthmon.server.alerting.webhook;

import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.config.WebhookConfig;
import io.healthmon.server.config.WebhookFormat;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * One notice to one receiver, as it goes into the outbox: the body is rendered now, in the receiver's
 * format, so retries send the same bytes.
 */
public record PlannedDelivery(UUID eventId, String receiver, String payload) {

    /**
     * One delivery per receiver URL, all with the notice's event id; each format's body is rendered once.
     * {@code render} gives the notice's body in a format.
     */
    public static List<PlannedDelivery> fanOut(AlertNotice notice, List<WebhookConfig.Receiver> receivers,
                                               Function<WebhookFormat, String> render) {
        Map<WebhookFormat, String> bodies = new EnumMap<>(WebhookFormat.class);
        Map<String, PlannedDelivery> byUrl = new LinkedHashMap<>();
        for (WebhookConfig.Receiver r : receivers) {
            byUrl.computeIfAbsent(r.url(), url -> new PlannedDelivery(notice.eventId(), url,
                    bodies.computeIfAbsent(r.format(), render)));
        }
        return List.copyOf(byUrl.values());
    }
}
