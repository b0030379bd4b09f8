package io.healthmon.server.alerting.webhook;

import io.healthmon.server.alerting.AlertNotice;
import java.util.List;
import java.util.UUID;

/** One notice to one receiver, as it goes into the outbox: the body is fixed now, so retries send the same bytes. */
public record PlannedDelivery(UUID eventId, String receiver, String payload) {

    /** One delivery per receiver, all with the notice's event id and the same body. */
    public static List<PlannedDelivery> fanOut(AlertNotice notice, List<String> receivers) {
        String body = notice.toJson();
        return receivers.stream().distinct().map(r -> new PlannedDelivery(notice.eventId(), r, body)).toList();
    }
}
