package io.healthmon.server.alerting.webhook.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.domain.AlertKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The generic format is the notice's own JSON, unchanged for existing receivers. */
class GenericFormatTest {

    @Test
    void theBodyIsTheNoticesJson() throws Exception {
        AlertNotice notice = Notices.resolved(AlertKind.HIGH_DISK, "/", 40, 80);
        String body = new GenericFormat().body(notice, Instant.parse("2026-12-06T11:00:00Z"));
        assertEquals(notice.toJson(), body);
        JsonNode json = new ObjectMapper().readTree(body);
        assertEquals("alert.resolved", json.get("event").asText());
        assertEquals("HIGH_DISK", json.get("kind").asText());
        assertEquals("/", json.get("subject").asText());
        assertEquals(notice.eventId().toString(), json.get("event_id").asText());
        assertEquals("2026-12-06T10:05:00Z", json.get("resolved_at").asText());
    }
}
