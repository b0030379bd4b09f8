package io.healthmon.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the receivers of alert notices: the plain URLs of {@value WebhookConfig#URLS} (generic JSON), and
 * each receiver named in {@value WebhookConfig#RECEIVERS} with its own URL and format. A receiver is
 * known by the URL its notices are posted to (the outbox row and the delivery lane are keyed by it), so
 * one URL with two formats is refused rather than silently sent one of them.
 */
final class WebhookReceivers {

    /** Letters, digits, '-' and '_': the name is part of a key and of its environment variable. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** Where Alertmanager takes alerts, below the base URL the operator gives. */
    static final String ALERTMANAGER_PATH = "/api/v2/alerts";

    private WebhookReceivers() {
    }

    static List<WebhookConfig.Receiver> read(ConfigReader reader) {
        Map<String, WebhookConfig.Receiver> byUrl = new LinkedHashMap<>();
        for (String url : reader.list(WebhookConfig.URLS)) {
            checked(WebhookConfig.URLS, url);
            add(byUrl, new WebhookConfig.Receiver(url, url, WebhookFormat.GENERIC), WebhookConfig.URLS);
        }
        List<String> names = reader.list(WebhookConfig.RECEIVERS);
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new InvalidConfigurationException(WebhookConfig.RECEIVERS,
                        "'" + name + "' is not a receiver name (letters, digits, '-' and '_')");
            }
            if (names.indexOf(name) != names.lastIndexOf(name)) {
                throw new InvalidConfigurationException(WebhookConfig.RECEIVERS, "names '" + name + "' twice");
            }
            String formatKey = WebhookConfig.receiverKey(name, "format");
            WebhookFormat format = reader.text(formatKey).map(value -> WebhookFormat.byConfigName(value)
                    .orElseThrow(() -> new InvalidConfigurationException(formatKey,
                            "'" + value + "' is not one of " + WebhookFormat.configNames())))
                    .orElse(WebhookFormat.GENERIC);
            String urlKey = WebhookConfig.receiverKey(name, "url");
            String url = reader.text(urlKey).orElseThrow(() -> new InvalidConfigurationException(urlKey,
                    "is not set; every receiver named in " + WebhookConfig.RECEIVERS + " needs its URL"));
            URI uri = checked(urlKey, url);
            add(byUrl, new WebhookConfig.Receiver(name, format == WebhookFormat.ALERTMANAGER ? alertsUrl(urlKey, uri) : url, format),
                    urlKey);
        }
        return List.copyOf(new ArrayList<>(byUrl.values()));
    }

    private static void add(Map<String, WebhookConfig.Receiver> byUrl, WebhookConfig.Receiver receiver, String key) {
        WebhookConfig.Receiver before = byUrl.putIfAbsent(receiver.url(), receiver);
        if (before != null && before.format() != receiver.format()) {
            throw new InvalidConfigurationException(key, "'" + receiver.url() + "' is already a receiver in the "
                    + before.format().configName() + " format; one URL takes one format");
        }
    }

    /**
     * Alertmanager is configured by its base URL ({@code http://am:9093}, or with a path prefix behind a
     * proxy), as its own {@code --web.external-url} is; a URL already ending in the API path is taken as is.
     */
    private static String alertsUrl(String key, URI base) {
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new InvalidConfigurationException(key, "'" + base + "' must be Alertmanager's base URL, without query or fragment");
        }
        String text = base.toString();
        if (text.endsWith(ALERTMANAGER_PATH)) {
            return text;
        }
        return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + ALERTMANAGER_PATH;
    }

    /** An absolute http or https URL, or start-up stops naming {@code key}. */
    static URI checked(String key, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(key, "'" + url + "' is not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new InvalidConfigurationException(key, "'" + url + "' must be an absolute http or https URL");
        }
        return uri;
    }
}
