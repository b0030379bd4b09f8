package io.healthmon.server.alerting.webhook;

import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.alerting.AlertOpened;
import io.healthmon.server.alerting.AlertResolved;
import io.healthmon.server.alerting.webhook.format.NoticeFormats;
import io.healthmon.server.application.port.WebhookOutbox;
import io.healthmon.server.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * Sends every alert change to every configured receiver, in its format. The outbox rows are written
 * inside the alert's own transaction (so a notice exists exactly when its change does), each with its
 * body rendered then, and the dispatcher is woken once the change has committed.
 */
@ApplicationScoped
public class WebhookNotifier {

    @Inject
    WebhookConfig config;

    @Inject
    WebhookOutbox outbox;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    NoticeFormats formats;

    @Inject
    Clock clock;

    void write(@Observes(during = TransactionPhase.IN_PROGRESS) AlertOpened event) {
        enqueue(event.notice());
    }

    void write(@Observes(during = TransactionPhase.IN_PROGRESS) AlertResolved event) {
        enqueue(event.notice());
    }

    void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertOpened event) {
        wakeIfAnyReceiver();
    }

    void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertResolved event) {
        wakeIfAnyReceiver();
    }

    private void enqueue(AlertNotice notice) {
        String type = notice.opened() ? "OPENED" : "RESOLVED";
        Instant now = clock.instant();
        for (PlannedDelivery delivery : PlannedDelivery.fanOut(notice, config.receivers(), f -> formats.body(f, notice, now))) {
            outbox.add(delivery.eventId(), notice.alertId(), type, delivery.receiver(), delivery.payload(), now);
        }
    }

    private void wakeIfAnyReceiver() {
        if (!config.receivers().isEmpty()) {
            dispatcher.wake();
        }
    }
}
