package io.healthmon.server.alerting.webhook.format;

import io.healthmon.server.alerting.AlertNotice;
import java.time.Instant;

/** Turns one alert notice into the body a kind of receiver expects. */
public sealed interface NoticeFormat permits GenericFormat, SlackFormat, AlertmanagerFormat {

    /** The body for {@code notice}, rendered at {@code now} (Alertmanager's end of an open alert counts from it). */
    String body(AlertNotice notice, Instant now);
}
