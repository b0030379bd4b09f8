package io.healthmon.agent.json;

import io.healthmon.report.CollectionError;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.LoadAverage;
import io.healthmon.report.Memory;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.NetworkInterfaceUsage;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads back what {@link ReportWriter} wrote (the agent's spool). Strict where a wrong value would
 * mislead the server: a number that is not one, or a fraction where bytes are due, makes the whole
 * report unreadable rather than silently different.
 */
public final class ReportReader {

    private ReportReader() {
    }

    public static MetricsReport read(String json) throws IOException {
        JsonTree r = JsonTree.parse(Json.FACTORY, json);
        if (!r.isObject()) {
            throw new IOException("a report must be a JSON object");
        }
        try {
            return new MetricsReport(text(r, "server_id"), instant(r.path("timestamp")), decimal(r, "cpu_usage"),
                    memory(r.path("memory")), list(r.path("disk_usage"), ReportReader::disk), load(r.path("load_average")),
                    whole(r, "uptime"), list(r.path("failed_services"), ReportReader::failedService), memory(r.path("swap")),
                    list(r.path("network"), n -> new NetworkInterfaceUsage(text(n, "interface"), whole(n, "bytes_recv"),
                            whole(n, "bytes_sent"))),
                    text(r, "agent_version"),
                    list(r.path("collection_errors"), e -> new CollectionError(text(e, "collector"), text(e, "message"))));
        } catch (NumberFormatException | DateTimeException e) {
            throw new IOException("a report holds a malformed value: " + e.getMessage(), e);
        }
    }

    private static DiskUsage disk(JsonTree d) {
        return new DiskUsage(text(d, "mountpoint"), whole(d, "total"), whole(d, "used"), decimal(d, "percentage"),
                text(d, "filesystem"), whole(d, "inodes_total"), whole(d, "inodes_used"), decimal(d, "inodes_percentage"));
    }

    private static FailedService failedService(JsonTree s) {
        return new FailedService(text(s, "name"), text(s, "status"), instant(s.path("since")));
    }

    private static Memory memory(JsonTree m) {
        return m.isNull() ? null : new Memory(whole(m, "total"), whole(m, "used"), decimal(m, "percentage"));
    }

    private static LoadAverage load(JsonTree l) {
        return l.isNull() ? null : new LoadAverage(decimal(l, "1min"), decimal(l, "5min"), decimal(l, "15min"));
    }

    private static <T> List<T> list(JsonTree array, Function<JsonTree, T> item) {
        if (array.isNull()) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (JsonTree element : array.items()) {
            out.add(item.apply(element));
        }
        return out;
    }

    private static String text(JsonTree node, String field) {
        return node.path(field).asText(null);
    }

    private static Long whole(JsonTree node, String field) {
        String text = text(node, field);
        return text == null ? null : Long.valueOf(text);
    }

    private static Double decimal(JsonTree node, String field) {
        String text = text(node, field);
        return text == null ? null : Double.valueOf(text);
    }

    private static Instant instant(JsonTree node) {
        String text = node.asText(null);
        return text == null ? null : Instant.parse(text);
    }
}
