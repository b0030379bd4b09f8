package io.healthmon.server.alerting.webhook.format;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Links into the dashboard, from its public base URL ({@code healthmon.dashboard-url}) when one is
 * configured. The dashboard is one page that routes by the fragment: a server's page is
 * {@code <base>#/servers/<id>}, its id encoded as the page's own links encode it.
 */
public record DashboardLinks(Optional<URI> base) {

    public static final DashboardLinks NONE = new DashboardLinks(Optional.empty());

    /** The server's page, or empty when no dashboard URL is configured. */
    public Optional<String> serverPage(String serverId) {
        return base.map(b -> {
            String text = b.toString();
            // Space as %20, as the dashboard's encodeURIComponent writes it; URLEncoder writes '+'.
            String id = URLEncoder.encode(serverId, StandardCharsets.UTF_8).replace("+", "%20");
            return (text.endsWith("/") ? text : text + "/") + "#/servers/" + id;
        });
    }
}
