package io.healthmon.agent.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.healthmon.report.CollectionError;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.LoadAverage;
import io.healthmon.report.Memory;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.NetworkInterfaceUsage;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes reports in the wire format that the report model's Jackson annotations define (field names,
 * ISO-8601 instants, absent fields left out, {@code failed_services} always present). The property
 * tests hold it to that definition by reading its output with the server's own mapper.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    public static byte[] json(MetricsReport report) {
        return Json.bytes(g -> write(g, report), false);
    }

    /** Indented, for {@code --print}. */
    public static byte[] pretty(MetricsReport report) {
        return Json.bytes(g -> write(g, report), true);
    }

    /** One report as an object, several as an array: the two bodies {@code POST /api/v1/metrics} takes. */
    public static byte[] body(List<MetricsReport> reports) {
        if (reports.size() == 1) {
            return json(reports.get(0));
        }
        return Json.bytes(g -> {
            g.writeStartArray();
            for (MetricsReport report : reports) {
                write(g, report);
            }
            g.writeEndArray();
        }, false);
    }

    static void write(JsonGenerator g, MetricsReport r) throws IOException {
        g.writeStartObject();
        text(g, "server_id", r.serverId());
        if (r.timestamp() != null) {
            g.writeStringField("timestamp", instant(r.timestamp()));
        }
        number(g, "cpu_usage", r.cpuUsage());
        memory(g, "memory", r.memory());
        objects(g, "disk_usage", r.diskUsage(), ReportWriter::disk);
        LoadAverage load = r.loadAverage();
        if (load != null) {
            g.writeObjectFieldStart("load_average");
            number(g, "1min", load.oneMinute());
            number(g, "5min", load.fiveMinutes());
            number(g, "15min", load.fifteenMinutes());
            g.writeEndObject();
        }
        number(g, "uptime", r.uptime());
        if (r.failedServices() == null) {
            // The collector could not tell, which the server must see as such: the field is always written.
            g.writeNullField("failed_services");
        } else {
            objects(g, "failed_services", r.failedServices(), ReportWriter::failedService);
        }
        memory(g, "swap", r.swap());
        objects(g, "network", r.network(), ReportWriter::networkInterface);
        text(g, "agent_version", r.agentVersion());
        objects(g, "collection_errors", r.collectionErrors(), ReportWriter::collectionError);
        g.writeEndObject();
    }

    private static void disk(JsonGenerator g, DiskUsage d) throws IOException {
        text(g, "mountpoint", d.mountpoint());
        number(g, "total", d.total());
        number(g, "used", d.used());
        number(g, "percentage", d.percentage());
        text(g, "filesystem", d.filesystem());
        number(g, "inodes_total", d.inodesTotal());
        number(g, "inodes_used", d.inodesUsed());
        number(g, "inodes_percentage", d.inodesPercentage());
    }

    private static void failedService(JsonGenerator g, FailedService s) throws IOException {
        text(g, "name", s.name());
        text(g, "status", s.status());
        if (s.since() != null) {
            g.writeStringField("since", instant(s.since()));
        }
    }

    private static void networkInterface(JsonGenerator g, NetworkInterfaceUsage n) throws IOException {
        text(g, "interface", n.name());
        number(g, "bytes_recv", n.bytesReceived());
        number(g, "bytes_sent", n.bytesSent());
    }

    private static void collectionError(JsonGenerator g, CollectionError e) throws IOException {
        text(g, "collector", e.collector());
        text(g, "message", e.message());
    }

    /** The fields of one list item. */
    @FunctionalInterface
    private interface ItemFields<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    /** A list as an array of objects; left out when the list is null. */
    private static <T> void objects(JsonGenerator g, String field, List<T> items, ItemFields<T> fields) throws IOException {
        if (items == null) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (T item : items) {
            g.writeStartObject();
            fields.write(g, item);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void memory(JsonGenerator g, String field, Memory m) throws IOException {
        if (m != null) {
            g.writeObjectFieldStart(field);
            number(g, "total", m.total());
            number(g, "used", m.used());
            number(g, "percentage", m.percentage());
            g.writeEndObject();
        }
    }

    private static void text(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void number(JsonGenerator g, String field, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }

    private static void number(JsonGenerator g, String field, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }

    /** ISO-8601 in UTC, as Jackson's JavaTimeModule writes an Instant (its InstantSerializer uses this formatter). */
    private static String instant(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
