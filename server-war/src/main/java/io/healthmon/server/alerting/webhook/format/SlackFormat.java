package io.healthmon.server.alerting.webhook.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthmon.server.alerting.AlertNotice;
import java.time.Instant;

/**
 * A Slack incoming-webhook message (https://api.slack.com/messaging/webhooks): {@code text}, the plain
 * fallback Slack shows in notifications and where blocks cannot be drawn, and {@code blocks}: a
 * {@code section} whose {@code mrkdwn} text names the server, the state, what crossed which threshold
 * and links to the server's dashboard page, then a {@code context} with the times in UTC. Slack parses
 * both texts as mrkdwn, so {@code &}, {@code <} and {@code >} from the data are escaped in both; a
 * section's text may hold 3000 characters, which the wording's bounds keep to.
 */
public record SlackFormat(DashboardLinks links) implements NoticeFormat {

    /** Slack's limit on a section's text. */
    static final int MAX_TEXT = 3000;

    @Override
    public String body(AlertNotice n, Instant now) {
        String what = AlertWording.summary(n) + " " + AlertWording.state(n) + ": " + AlertWording.condition(n);
        ObjectNode message = Json.object();
        message.put("text", escape(what));
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(section(n));
        blocks.add(context(n));
        return Json.write(message);
    }

    private ObjectNode section(AlertNotice n) {
        StringBuilder text = new StringBuilder()
                .append(n.opened() ? ":red_circle: *Opened*" : ":large_green_circle: *Resolved*")
                .append(": *").append(n.kind().name()).append("* on *").append(escape(n.serverId())).append("*\n")
                .append(escape(AlertWording.condition(n)));
        links.serverPage(n.serverId())
                .ifPresent(url -> text.append("\n<").append(url).append('|').append(escape(n.serverId())).append(" on the dashboard>"));
        ObjectNode section = Json.object().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", text.toString());
        return section;
    }

    private static ObjectNode context(AlertNotice n) {
        String times = "Opened " + n.openedAt() + (n.resolvedAt() == null ? "" : " · resolved " + n.resolvedAt())
                + " (UTC) · alert " + n.alertId();
        ObjectNode context = Json.object().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", times);
        return context;
    }

    /** Slack's mrkdwn escaping: the three characters that start its control sequences. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
