package io.healthmon.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The body a webhook receiver expects: healthmon's own JSON, a Slack message, or Alertmanager's alerts. */
public enum WebhookFormat {
    GENERIC,
    SLACK,
    ALERTMANAGER;

    /** The name in the configuration ({@code generic}, {@code slack}, {@code alertmanager}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<WebhookFormat> byConfigName(String name) {
        return Arrays.stream(values()).filter(f -> f.configName().equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    static String configNames() {
        return Arrays.stream(values()).map(WebhookFormat::configName).collect(Collectors.joining(", "));
    }
}
