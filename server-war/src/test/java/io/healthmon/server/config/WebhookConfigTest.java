package io.healthmon.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The receivers, their formats, the dashboard link and the repeat interval as the configuration gives them. */
class WebhookConfigTest {

    private static WebhookConfig read(Map<String, String> values) {
        WebhookConfig config = new WebhookConfig();
        config.config = new MapConfig(values);
        config.read();
        return config;
    }

    private static InvalidConfigurationException refused(Map<String, String> values) {
        return assertThrows(InvalidConfigurationException.class, () -> read(values));
    }

    @Test
    void plainUrlsAreGenericAndNamedReceiversHaveTheirFormatsWithAlertmanagersApiBelowItsBase() {
        Map<String, String> values = new HashMap<>();
        values.put("healthmon.webhook.urls", "http://a.example/hook, http://b.example/hook");
        values.put("healthmon.webhook.receivers", "ops-slack, am,plain_one");
        values.put("healthmon.webhook.receiver.ops-slack.url", "https://hooks.slack.example/services/T/B/X");
        values.put("healthmon.webhook.receiver.ops-slack.format", "slack");
        values.put("healthmon.webhook.receiver.am.url", "http://am.example:9093/");
        values.put("healthmon.webhook.receiver.am.format", "Alertmanager");
        values.put("healthmon.webhook.receiver.plain_one.url", "http://c.example/hook");

        WebhookConfig config = read(values);

        assertEquals(List.of(
                new WebhookConfig.Receiver("http://a.example/hook", "http://a.example/hook", WebhookFormat.GENERIC),
                new WebhookConfig.Receiver("http://b.example/hook", "http://b.example/hook", WebhookFormat.GENERIC),
                new WebhookConfig.Receiver("ops-slack", "https://hooks.slack.example/services/T/B/X", WebhookFormat.SLACK),
                new WebhookConfig.Receiver("am", "http://am.example:9093/api/v2/alerts", WebhookFormat.ALERTMANAGER),
                new WebhookConfig.Receiver("plain_one", "http://c.example/hook", WebhookFormat.GENERIC)), config.receivers());
        assertEquals(List.of("am"), config.alertmanagers().stream().map(WebhookConfig.Receiver::name).toList());
        assertEquals(Duration.ofSeconds(60), config.alertmanagerRepeatInterval(), "the packaged default");
        assertEquals(Optional.empty(), config.dashboardUrl());
    }

    @Test
    void anAlertmanagerUrlGivenWithItsApiPathIsTakenAsIs() {
        WebhookConfig config = read(Map.of("healthmon.webhook.receivers", "am",
                "healthmon.webhook.receiver.am.url", "http://proxy.example/am/api/v2/alerts",
                "healthmon.webhook.receiver.am.format", "alertmanager",
                "healthmon.webhook.alertmanager.repeat-interval", "PT30S",
                "healthmon.dashboard-url", "https://healthmon.example/"));
        assertEquals("http://proxy.example/am/api/v2/alerts", config.receivers().get(0).url());
        assertEquals(Duration.ofSeconds(30), config.alertmanagerRepeatInterval());
        assertEquals(Optional.of(URI.create("https://healthmon.example/")), config.dashboardUrl());
    }

    @Test
    void anUnknownFormatStopsStartUpNamingItsKey() {
        InvalidConfigurationException e = refused(Map.of("healthmon.webhook.receivers", "ops",
                "healthmon.webhook.receiver.ops.url", "http://a.example/hook",
                "healthmon.webhook.receiver.ops.format", "teams"));
        assertTrue(e.getMessage().contains("healthmon.webhook.receiver.ops.format"), e.getMessage());
        assertTrue(e.getMessage().contains("generic, slack, alertmanager"), e.getMessage());
    }

    @Test
    void aNamedReceiverWithoutItsUrlStopsStartUpNamingTheMissingKey() {
        InvalidConfigurationException e = refused(Map.of("healthmon.webhook.receivers", "ops",
                "healthmon.webhook.receiver.ops.format", "slack"));
        assertTrue(e.getMessage().contains("healthmon.webhook.receiver.ops.url"), e.getMessage());
    }

    @Test
    void badNamesUrlsAndDashboardUrlsStopStartUpNamingTheirKeys() {
        assertKeyNamed("healthmon.webhook.receivers", Map.of("healthmon.webhook.receivers", "ops.team"));
        assertKeyNamed("healthmon.webhook.receivers", Map.of("healthmon.webhook.receivers", "ops,ops",
                "healthmon.webhook.receiver.ops.url", "http://a.example/hook"));
        assertKeyNamed("healthmon.webhook.receiver.ops.url", Map.of("healthmon.webhook.receivers", "ops",
                "healthmon.webhook.receiver.ops.url", "/relative/hook"));
        assertKeyNamed("healthmon.webhook.receiver.ops.url", Map.of("healthmon.webhook.receivers", "ops",
                "healthmon.webhook.receiver.ops.url", "ftp://a.example/hook"));
        assertKeyNamed("healthmon.webhook.receiver.am.url", Map.of("healthmon.webhook.receivers", "am",
                "healthmon.webhook.receiver.am.url", "http://am.example:9093/?x=1",
                "healthmon.webhook.receiver.am.format", "alertmanager"));
        assertKeyNamed("healthmon.webhook.receiver.ops.url", Map.of("healthmon.webhook.urls", "http://a.example/hook",
                "healthmon.webhook.receivers", "ops", "healthmon.webhook.receiver.ops.url", "http://a.example/hook",
                "healthmon.webhook.receiver.ops.format", "slack"));
        assertKeyNamed("healthmon.dashboard-url", Map.of("healthmon.dashboard-url", "healthmon.example"));
        assertKeyNamed("healthmon.dashboard-url", Map.of("healthmon.dashboard-url", "https://healthmon.example/#/"));
        assertKeyNamed("healthmon.webhook.alertmanager.repeat-interval",
                Map.of("healthmon.webhook.alertmanager.repeat-interval", "0"));
        assertKeyNamed("healthmon.webhook.alertmanager.repeat-interval",
                Map.of("healthmon.webhook.alertmanager.repeat-interval", "soon"));
    }

    private static void assertKeyNamed(String key, Map<String, String> values) {
        InvalidConfigurationException e = refused(values);
        assertTrue(e.getMessage().startsWith("Invalid configuration " + key + ":"), values + " -> " + e.getMessage());
    }
}
