package io.healthmon.server.alerting.webhook.format;

import io.healthmon.server.alerting.AlertNotice;
import java.util.Locale;

/**
 * What a notice says in words, shared by the formats written for people (Slack's message, Alertmanager's
 * summary and description), so every receiver reads the same sentence. Plain text: each format escapes
 * it as its markup needs.
 */
final class AlertWording {

    /** Longer subjects are cut in the words; the notice's data keeps them whole. */
    static final int MAX_SUBJECT = 200;

    private AlertWording() {
    }

    /** {@code HIGH_DISK on web-01 (/)}: the kind, the server and the subject where there is one. */
    static String summary(AlertNotice n) {
        return n.kind().name() + " on " + n.serverId() + (n.subject().isEmpty() ? "" : " (" + subject(n) + ")");
    }

    /** What crossed which threshold, with units, or how it came back. */
    static String condition(AlertNotice n) {
        boolean opened = n.opened();
        return switch (n.kind()) {
            case HIGH_CPU -> "CPU at " + percent(n.value()) + (opened ? ", above " : ", back under ")
                    + "the threshold of " + percent(n.threshold());
            case HIGH_DISK -> "disk " + subject(n) + " at " + percent(n.value()) + (opened ? ", above " : ", back under ")
                    + "the threshold of " + percent(n.threshold());
            case INODES_HIGH -> "inodes of " + subject(n) + " at " + percent(n.value()) + (opened ? " used, above " : " used, back under ")
                    + "the threshold of " + percent(n.threshold());
            case DISK_FILLING -> opened
                    ? "disk " + subject(n) + " forecast to fill within the horizon (" + percent(n.value()) + " by its end)"
                    : "disk " + subject(n) + " no longer forecast to fill soon (" + percent(n.value()) + " by the horizon's end)";
            case FAILED_SERVICE -> "unit " + subject(n) + (opened ? " failed" : " no longer failed");
            case SERVER_OFFLINE -> opened
                    ? "no report for " + seconds(n.value()) + ", past the offline timeout of " + seconds(n.threshold())
                    : "reporting again after " + seconds(n.value()) + " of silence (offline timeout " + seconds(n.threshold()) + ")";
        };
    }

    /** {@code opened} or {@code resolved}. */
    static String state(AlertNotice n) {
        return n.opened() ? "opened" : "resolved";
    }

    /** A number as the annotations carry it: one decimal, a dot, no unit. */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(double value) {
        return number(value) + " %";
    }

    private static String seconds(double value) {
        return Math.round(value) + " s";
    }

    private static String subject(AlertNotice n) {
        String s = n.subject();
        return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT) + "…";
    }
}
