package io.healthmon.server.alerting.webhook.format;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Links into the dashboard, from its public base URL ({@code healthmon.dashboard-url}), or none when
 * {@code base} is null (not configured). The dashboard is one page that routes by the fragment: a
 * server's page is {@code <base>#/servers/<id>}, its id encoded as the page's own links encode it.
 */
public record DashboardLinks(URI base) {

    public static final DashboardLinks NONE = new DashboardLinks(null);

    /** Links from the configured base URL, if there is one. */
    public static DashboardLinks from(Optional<URI> base) {
        return new DashboardLinks(base.orElse(null));
    }

    /** The server's page, or empty when no dashboard URL is configured. */
    public Optional<String> serverPage(String serverId) {
        if (base == null) {
            return Optional.empty();
        }
        String text = base.toString();
        // Space as %20, as the dashboard's encodeURIComponent writes it; URLEncoder writes '+'.
        String id = URLEncoder.encode(serverId, StandardCharsets.UTF_8).replace("+", "%20");
        return Optional.of((text.endsWith("/") ? text : text + "/") + "#/servers/" + id);
    }
}
