package io.healthmon.server.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.server.alerting.webhook.PlannedDelivery;
import io.healthmon.server.alerting.webhook.WebhookSignature;
import io.healthmon.server.alerting.webhook.format.GenericFormat;
import io.healthmon.server.config.WebhookConfig;
import io.healthmon.server.config.WebhookFormat;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.AlertLifecycle;
import io.healthmon.server.domain.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class AlertingPropertiesTest {

    /** Replays a value sequence through the lifecycle; returns the events ("open"/"resolve") and when. */
    private static List<String> run(List<Double> values, double threshold, AlertLifecycle lifecycle) {
        List<String> events = new ArrayList<>();
        boolean open = false;
        int streak = 0;
        for (int i = 0; i < values.size(); i++) {
            AlertLifecycle.Step step = lifecycle.next(open, streak, new Condition(AlertKind.HIGH_CPU, "", values.get(i), threshold));
            if (step instanceof AlertLifecycle.Step.Open) {
                open = true;
                streak = 0;
                events.add("open@" + i);
            } else if (step instanceof AlertLifecycle.Step.Resolve) {
                open = false;
                streak = 0;
                events.add("resolve@" + i);
            } else {
                streak = ((AlertLifecycle.Step.Stay) step).clearStreak();
            }
        }
        return events;
    }

    @Test
    @DisplayName("Property 10: an alert opens exactly when the threshold is crossed, resolves once, and never flaps in the band")
    void property10_alertsOpenOnCrossingAndResolveOnceWithoutFlapping() {
        qt().withExamples(500)
                .forAll(lists().of(doubles().between(0, 100)).ofSizeBetween(1, 60), doubles().between(10, 90),
                        doubles().between(0, 10), integers().between(1, 3))
                .check((values, threshold, hysteresis, clears) -> {
                    AlertLifecycle lifecycle = new AlertLifecycle(hysteresis, clears);
                    List<String> events = run(values, threshold, lifecycle);
                    // Model: open at the first value above the threshold while closed; resolve after `clears`
                    // consecutive values below threshold - hysteresis while open.
                    List<String> expected = new ArrayList<>();
                    boolean open = false;
                    int streak = 0;
                    for (int i = 0; i < values.size(); i++) {
                        double v = values.get(i);
                        if (!open && v > threshold) {
                            open = true;
                            streak = 0;
                            expected.add("open@" + i);
                        } else if (open) {
                            streak = v < threshold - hysteresis ? streak + 1 : 0;
                            if (streak >= clears) {
                                open = false;
                                streak = 0;
                                expected.add("resolve@" + i);
                            }
                        }
                    }
                    boolean alternates = true;
                    for (int i = 0; i < events.size(); i++) {
                        alternates &= events.get(i).startsWith(i % 2 == 0 ? "open" : "resolve");
                    }
                    return events.equals(expected) && alternates;
                });
    }

    @Test
    void aValueHoveringInsideTheBandDoesNotFlap() {
        List<Double> hovering = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            hovering.add(i % 2 == 0 ? 90.5 : 86.0); // above 90, then inside the 5-point band
        }
        assertEquals(List.of("open@0"), run(hovering, 90, new AlertLifecycle(5, 1)));
        assertEquals(List.of("open@0", "resolve@2"), run(List.of(95.0, 10.0, 10.0), 90, new AlertLifecycle(5, 2)));
    }

    private static boolean carries(ObjectMapper json, PlannedDelivery d, AlertNotice notice, double value, AlertKind kind,
                                   boolean opened) {
        try {
            JsonNode body = json.readTree(d.payload());
            boolean details = d.eventId().equals(notice.eventId())
                    && body.get("event_id").asText().equals(notice.eventId().toString())
                    && body.get("server_id").asText().equals("web-01")
                    && body.get("kind").asText().equals(kind.name())
                    && body.get("subject").asText().equals("/var")
                    && body.get("value").asDouble() == value && body.get("threshold").asDouble() == 80
                    && body.has("opened_at") && body.has("resolved_at") != opened;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("s3cret".getBytes(), "HmacSHA256"));
            String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(d.payload().getBytes()));
            return details && expected.equals(WebhookSignature.of("s3cret", d.payload()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("Property 11: every notice goes to every configured (generic) receiver once, with a stable event id, its details and a valid signature")
    void property11_webhookFanOutCarriesEveryDetailToEveryReceiver() {
        ObjectMapper json = new ObjectMapper();
        qt().withExamples(200)
                .forAll(integers().between(0, 5), doubles().between(0, 100), Generate.pick(List.of(AlertKind.values())),
                        Generate.booleans())
                .check((receiverCount, value, kind, opened) -> {
                    List<String> receivers = new ArrayList<>();
                    for (int i = 0; i < receiverCount; i++) {
                        receivers.add("http://127.0.0.1:" + (9000 + i) + "/hook");
                    }
                    AlertNotice notice = new AlertNotice(UUID.randomUUID(), opened ? AlertNotice.OPENED : AlertNotice.RESOLVED,
                            7, "web-01", kind, "/var", value, 80, Instant.parse("2026-01-01T00:00:00Z"),
                            opened ? null : Instant.parse("2026-01-01T01:00:00Z"));
                    List<WebhookConfig.Receiver> generic = receivers.stream()
                            .map(url -> new WebhookConfig.Receiver(url, url, WebhookFormat.GENERIC)).toList();
                    List<PlannedDelivery> planned = PlannedDelivery.fanOut(notice, generic,
                            f -> new GenericFormat().body(notice, Instant.parse("2026-01-01T02:00:00Z")));
                    if (planned.size() != receiverCount
                            || !planned.stream().map(PlannedDelivery::receiver).toList().equals(receivers)) {
                        return false;
                    }
                    return planned.stream().allMatch(d -> carries(json, d, notice, value, kind, opened));
                });
    }
}
