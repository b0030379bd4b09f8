package io.healthmon.server.alerting.webhook.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.server.domain.AlertKind;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Slack message against the shape Slack documents for incoming webhooks and Block Kit: a plain
 * {@code text} fallback, {@code blocks} of known types whose text objects are {@code mrkdwn} within
 * 3000 characters, {@code &}, {@code <} and {@code >} escaped, links as {@code <url|label>}.
 */
class SlackFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-06T10:06:00Z");
    private static final DashboardLinks LINKS = new DashboardLinks(URI.create("https://healthmon.example/ui"));

    private static JsonNode render(SlackFormat format, io.healthmon.server.alerting.AlertNotice notice) throws Exception {
        JsonNode message = JSON.readTree(format.body(notice, NOW));
        assertShape(message);
        return message;
    }

    /** What Slack requires of a message with blocks, as its documentation lists it. */
    private static void assertShape(JsonNode message) {
        assertTrue(message.path("text").isTextual() && !message.path("text").asText().isBlank(), "a text fallback: " + message);
        assertEquals(Set.of("text", "blocks"), Set.copyOf(iterable(message.fieldNames())), "only documented fields");
        JsonNode blocks = message.get("blocks");
        assertTrue(blocks.isArray() && blocks.size() >= 1 && blocks.size() <= 50, "1 to 50 blocks");
        for (JsonNode block : blocks) {
            String type = block.get("type").asText();
            assertTrue(Set.of("section", "context").contains(type), type);
            List<JsonNode> texts = "section".equals(type) ? List.of(block.get("text")) : List.copyOf(iterable(block.get("elements").elements()));
            for (JsonNode text : texts) {
                assertEquals("mrkdwn", text.get("type").asText());
                assertTrue(text.get("text").asText().length() <= 3000, "at most 3000 characters");
            }
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void anOpenedDiskAlertNamesTheServerMountpointValueAndThresholdAndLinksToTheServersPage() throws Exception {
        JsonNode message = render(new SlackFormat(LINKS), Notices.opened(AlertKind.HIGH_DISK, "/var", 91.5, 80));

        assertEquals(List.of("section", "context"), message.get("blocks").findValuesAsText("type").stream()
                .filter(t -> !t.equals("mrkdwn")).toList());
        String section = message.at("/blocks/0/text/text").asText();
        assertTrue(section.startsWith(":red_circle: *Opened*: *HIGH_DISK* on *web-01*\n"), section);
        assertTrue(section.contains("disk /var at 91.5 %, above the threshold of 80.0 %"), section);
        assertTrue(section.endsWith("\n<https://healthmon.example/ui/#/servers/web-01|web-01 on the dashboard>"), section);
        assertEquals("HIGH_DISK on web-01 (/var) opened: disk /var at 91.5 %, above the threshold of 80.0 %",
                message.get("text").asText());
        assertEquals("Opened 2026-12-06T10:00:00Z (UTC) · alert 42", message.at("/blocks/1/elements/0/text").asText());
    }

    @Test
    void aResolvedAlertSaysSoWithBothTimesAndNoLinkWithoutADashboardUrl() throws Exception {
        JsonNode message = render(new SlackFormat(DashboardLinks.NONE), Notices.resolved(AlertKind.HIGH_CPU, "", 10, 90));

        String section = message.at("/blocks/0/text/text").asText();
        assertTrue(section.startsWith(":large_green_circle: *Resolved*: *HIGH_CPU* on *web-01*\n"), section);
        assertTrue(section.contains("CPU at 10.0 %, back under the threshold of 90.0 %"), section);
        assertFalse(section.contains("<"), "no link: " + section);
        assertEquals("Opened 2026-12-06T10:00:00Z · resolved 2026-12-06T10:05:00Z (UTC) · alert 42",
                message.at("/blocks/1/elements/0/text").asText());
    }

    @Test
    void aUnitNameWithSlacksControlCharactersIsEscapedAndCannotMakeALink() throws Exception {
        JsonNode message = render(new SlackFormat(LINKS),
                Notices.opened(AlertKind.FAILED_SERVICE, "<!channel> & <https://evil.example|x>.service", 1, 0));

        String section = message.at("/blocks/0/text/text").asText();
        assertTrue(section.contains("unit &lt;!channel&gt; &amp; &lt;https://evil.example|x&gt;.service failed"), section);
        assertFalse(message.get("text").asText().contains("<"), message.get("text").asText());
        assertEquals(1, section.chars().filter(c -> c == '<').count(), "only the dashboard link is a link: " + section);
    }

    @Test
    void theLongestSubjectStillFitsSlacksLimitOnAText() throws Exception {
        String subject = "&".repeat(1024);
        JsonNode message = render(new SlackFormat(LINKS), Notices.opened(AlertKind.HIGH_DISK, subject, 99, 80));
        assertTrue(message.get("text").asText().length() <= SlackFormat.MAX_TEXT);
    }

    @Test
    void anOfflineAlertGivesTheSilenceAndTheTimeoutInSeconds() throws Exception {
        JsonNode message = render(new SlackFormat(LINKS), Notices.opened(AlertKind.SERVER_OFFLINE, "", 320, 300));
        assertTrue(message.at("/blocks/0/text/text").asText().contains("no report for 320 s, past the offline timeout of 300 s"),
                message.toString());
    }
}
