package io.healthmon.server.alerting.webhook.format;

import io.healthmon.server.alerting.AlertNotice;
import java.time.Instant;

/** healthmon's own JSON: the notice as the log line shows it. */
public record GenericFormat() implements NoticeFormat {

    @Override
    public String body(AlertNotice notice, Instant now) {
        return notice.toJson();
    }
}
