package io.healthmon.server.alerting.webhook.format;

import io.healthmon.server.alerting.AlertNotice;
import io.healthmon.server.config.WebhookConfig;
import io.healthmon.server.config.WebhookFormat;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** The formats as the configuration sets them up: the dashboard link and Alertmanager's repeat interval. */
@ApplicationScoped
public class NoticeFormats {

    @Inject
    WebhookConfig config;

    private GenericFormat generic;
    private SlackFormat slack;
    private AlertmanagerFormat alertmanager;

    @PostConstruct
    void create() {
        DashboardLinks links = DashboardLinks.from(config.dashboardUrl());
        generic = new GenericFormat();
        slack = new SlackFormat(links);
        alertmanager = new AlertmanagerFormat(links, config.alertmanagerRepeatInterval());
    }

    public NoticeFormat of(WebhookFormat format) {
        return switch (format) {
            case GENERIC -> generic;
            case SLACK -> slack;
            case ALERTMANAGER -> alertmanager;
        };
    }

    public AlertmanagerFormat alertmanager() {
        return alertmanager;
    }

    public String body(WebhookFormat format, AlertNotice notice, Instant now) {
        return of(format).body(notice, now);
    }
}
