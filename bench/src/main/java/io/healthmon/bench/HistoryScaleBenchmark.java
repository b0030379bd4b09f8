package io.healthmon.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Times the two reads a large, long-lived fleet makes of the server: the fleet page's call (one page of
 * 500 servers, {@code GET /api/v1/servers?limit=500}) and a 30-day chart of one server (the history API,
 * answered from the hourly rollups). The history is written straight into an embedded run's database:
 * reports every 60 s for the last {@code --raw-hours} of every server, rolled up with the server's own
 * {@code healthmon_roll_up_metrics}, and, before them, hourly rollups for the rest of {@code --days}
 * generated directly (a month of reports for 10,000 servers, 432 million rows, does not fit this machine).
 * Prints the time to the last byte of each call: median, 99th percentile and max.
 *
 * <pre>java -cp healthmon-bench.jar io.healthmon.bench.HistoryScaleBenchmark --url URL --data-dir DIR
 *     [--servers N] [--days D] [--raw-hours H] [--calls N]</pre>
 */
public final class HistoryScaleBenchmark {

    private static final String SERVERS = "insert into servers (server_id, registered_at)"
            + " select 'hist-' || lpad(g::text, 6, '0'), now() - interval '400 days' from generate_series(1, ?) g"
            + " on conflict do nothing";

    /** Reports every 60 s from ? for ? minutes, for every server; values wander by server and minute. */
    private static final String REPORTS = "insert into metrics (server_ref, collected_at, received_at, cpu_usage,"
            + " memory_total, memory_used, memory_percentage, swap_percentage, load_1, load_5, load_15, uptime_seconds,"
            + " disk_usage, failed_services, network, agent_version)"
            + " select s.id, t, t, (s.id * 7 + m) % 100, 16000000000, 8000000000, 40 + (s.id + m) % 20, 0,"
            + " ((s.id + m) % 40) / 10.0, 1.5, 1.25, 86400 + m * 60,"
            + " jsonb_build_array(jsonb_build_object('mountpoint', '/', 'total', 100000000000, 'used', 40000000000,"
            + "   'percentage', 40.0 + (m % 100) / 100.0, 'inodes_percentage', 5.0),"
            + "   jsonb_build_object('mountpoint', '/var', 'total', 500000000000, 'used', 200000000000,"
            + "   'percentage', 60.0, 'inodes_percentage', 3.5)),"
            + " '[]'::jsonb, jsonb_build_array(jsonb_build_object('interface', 'eth0', 'bytes_recv', m * 60000::bigint,"
            + "   'bytes_sent', m * 6000::bigint)), 'bench'"
            + " from servers s, generate_series(0, ? - 1) m, lateral (select ?::timestamptz + m * interval '60 s' as t) ts"
            + " where s.server_id like 'hist-%' on conflict do nothing";

    /** Hourly rollups of ? hours from ? for every server, as the job would have left them. */
    private static final String HOURS = "insert into metrics_1h (server_ref, bucket, samples, cpu_usage_n, cpu_usage_sum,"
            + " cpu_usage_min, cpu_usage_max, memory_percentage_n, memory_percentage_sum, memory_percentage_min,"
            + " memory_percentage_max, swap_percentage_n, swap_percentage_sum, swap_percentage_min, swap_percentage_max,"
            + " load_1_n, load_1_sum, load_1_min, load_1_max, load_5_n, load_5_sum, load_5_min, load_5_max,"
            + " load_15_n, load_15_sum, load_15_min, load_15_max, uptime_max, disks, network)"
            + " select s.id, ?::timestamptz + h * interval '1 hour', 60, 60, 60 * ((s.id + h) % 100), 0, 99, 60, 60 * 45.0, 40, 59,"
            + " 60, 0, 0, 0, 60, 60 * 2.0, 0, 3.9, 60, 90, 1.5, 1.5, 60, 75, 1.25, 1.25, 86400 + h * 3600,"
            + " jsonb_build_object('/', jsonb_build_object('n', 60, 'sum', 2430, 'inodes_n', 60, 'inodes_sum', 300),"
            + "   '/var', jsonb_build_object('n', 60, 'sum', 3600, 'inodes_n', 60, 'inodes_sum', 210)),"
            + " jsonb_build_object('eth0', jsonb_build_object('rx_bytes', 3600000, 'rx_seconds', 3600,"
            + "   'tx_bytes', 360000, 'tx_seconds', 3600))"
            + " from servers s, generate_series(0, ? - 1) h where s.server_id like 'hist-%' on conflict do nothing";

    private static final String HEALTH = "insert into health_status (server_ref, status, reasons, status_since,"
            + " evaluated_at, latest_collected_at, cpu_usage, memory_percentage, load_1, fullest_disk,"
            + " fullest_disk_percentage, failed_services, last_seen_at, agent_version)"
            + " select s.id, 'HEALTHY', null, now(), now(), now(), 12.5, 45.0, 0.5, '/var', 60.0, '[]', now(), 'bench'"
            + " from servers s where s.server_id like 'hist-%' on conflict (server_ref) do nothing";

    private HistoryScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedRunArgs options = EmbeddedRunArgs.parse(args,
                Map.of("servers", 10_000, "days", 30, "raw-hours", 24, "calls", 200));
        URI url = options.url();
        Path dataDir = options.dataDir();
        int servers = options.number("servers");
        int days = options.number("days");
        int rawHours = options.number("raw-hours");
        int calls = options.number("calls");
        Properties credentials = BenchOptions.credentials(dataDir);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        new ApiCalls(http, url).awaitReady(Duration.ofMinutes(3));
        try (Connection c = DriverManager.getConnection(BenchOptions.embeddedDatabase(dataDir))) {
            seed(c, servers, days, rawHours);
        }
        String token = "Bearer " + credentials.getProperty("HEALTHMON_ADMIN_TOKEN");
        SplittableRandom random = new SplittableRandom(36);
        int fleetServers = servers;
        URI base = url;
        time(http, "fleet page (GET /api/v1/servers?limit=500, a random page)", calls, () -> base.resolve(
                "api/v1/servers?limit=500&offset=" + random.nextInt(Math.max(1, fleetServers / 500)) * 500), token);
        time(http, "30-day chart of one server (GET /api/v1/servers/{id}/metrics, a random server)", calls, () -> {
            Instant to = Instant.now();
            return base.resolve("api/v1/servers/hist-" + String.format(Locale.ROOT, "%06d", 1 + random.nextInt(fleetServers))
                    + "/metrics?from=" + to.minus(Duration.ofDays(30)) + "&to=" + to);
        }, token);
    }

    private static void seed(Connection c, int servers, int days, int rawHours) throws SQLException {
        c.setAutoCommit(true);
        Instant now = Instant.now();
        Instant rawStart = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(rawHours));
        Instant hoursStart = rawStart.minus(Duration.ofDays(days)).plus(Duration.ofHours(rawHours));
        long started = System.nanoTime();
        update(c, SERVERS, servers);
        update(c, HEALTH);
        // The job's next runs then roll only the lateness window, as on a server long in service.
        update(c, "insert into metrics_rollup_progress (level, rolled_until) values ('5m', date_bin('5 minutes', now(),"
                + " timestamptz 'epoch')), ('1h', date_trunc('hour', now())) on conflict (level) do update"
                + " set rolled_until = excluded.rolled_until");
        update(c, "select healthmon_ensure_metrics_partitions((now() - make_interval(hours => ?))::date, ?)", rawHours + 24,
                rawHours / 24 + 3);
        long rows = 0;
        for (int h = 0; h < rawHours; h++) { // an hour at a time: one transaction stays small
            rows += update(c, REPORTS, 60, utc(rawStart.plus(Duration.ofHours(h))));
        }
        Instant rawEnd = now.truncatedTo(ChronoUnit.MINUTES);
        rows += update(c, REPORTS, (int) Duration.between(rawStart.plus(Duration.ofHours(rawHours)), rawEnd).toMinutes(),
                utc(rawStart.plus(Duration.ofHours(rawHours))));
        double written = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%,d servers, %,d reports (the last %d hours at 60 s) written in %.0f s%n",
                servers, rows, rawHours, written);

        // Autovacuum summarizes each filled page range of the reports' BRIN index in time; a bulk load
        // outruns it, so the ranges are summarized here, as they would be on a server in service.
        update(c, "select brin_summarize_new_values(i.indexrelid) from pg_index i join pg_class x on x.oid = i.indexrelid"
                + " where x.relname like 'metrics%collected_at%' and x.relkind = 'i'");
        long rolling = System.nanoTime();
        long buckets = 0;
        for (Instant h = rawStart; h.isBefore(rawEnd); h = h.plus(Duration.ofHours(1))) {
            Instant end = h.plus(Duration.ofHours(1)).isAfter(rawEnd) ? rawEnd.truncatedTo(ChronoUnit.MINUTES) : h.plus(Duration.ofHours(1));
            end = Instant.ofEpochSecond(end.getEpochSecond() / 300 * 300);
            try (PreparedStatement s = c.prepareStatement("select healthmon_roll_up_metrics(?, ?, interval '15 minutes')")) {
                s.setObject(1, utc(h));
                s.setObject(2, utc(end));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    buckets += rs.getLong(1);
                }
            }
        }
        double rolled = (System.nanoTime() - rolling) / 1e9;
        System.out.printf(Locale.ROOT, "rolled up by healthmon_roll_up_metrics in %.0f s: %,d 5-minute buckets (%,.0f reports/s)%n",
                rolled, buckets, rows / rolled);

        long generating = System.nanoTime();
        long hours = update(c, HOURS, utc(hoursStart), (int) Duration.between(hoursStart, rawStart).toHours());
        System.out.printf(Locale.ROOT, "%,d hourly rollups before them (%d days in all) generated in %.0f s%n",
                hours, days, (System.nanoTime() - generating) / 1e9);
        try (Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
            try (ResultSet rs = s.executeQuery("select pg_size_pretty(pg_total_relation_size('metrics_1h')),"
                    + " pg_size_pretty(pg_total_relation_size('metrics_5m')), (select count(*) from metrics_1h),"
                    + " (select count(*) from metrics_5m)")) {
                rs.next();
                System.out.printf(Locale.ROOT, "metrics_1h %,d rows (%s), metrics_5m %,d rows (%s)%n",
                        rs.getLong(3), rs.getString(1), rs.getLong(4), rs.getString(2));
            }
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static long update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            if (sql.startsWith("select")) {
                s.execute();
                return 0;
            }
            return s.executeUpdate();
        }
    }

    /** Calls the URL the supplier gives, {@code calls} times after 10 warm-up calls; prints the percentiles. */
    private static void time(HttpClient http, String what, int calls, Supplier<URI> next, String token)
            throws IOException, InterruptedException {
        Latencies latencies = new Latencies();
        long bytes = 0;
        for (int i = -10; i < calls; i++) {
            HttpRequest request = HttpRequest.newBuilder(next.get()).timeout(Duration.ofMinutes(1))
                    .header("Authorization", token).build();
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long micros = (System.nanoTime() - start) / 1000;
            if (answer.statusCode() != 200) {
                throw new IOException(request.uri() + " answered " + answer.statusCode() + ": " + new String(answer.body()));
            }
            if (i >= 0) {
                latencies.record(micros);
                bytes += answer.body().length;
            }
            if (i == 0 && what.startsWith("30-day")) {
                String body = new String(answer.body());
                int level = body.indexOf("\"level\"");
                System.out.println("  first answer: " + body.substring(level, body.indexOf(',', level)) + ", "
                        + body.split("\"timestamp\"", -1).length + " points less one");
            }
        }
        Latencies.Summary s = Latencies.summarize(List.of(latencies));
        System.out.printf(Locale.ROOT, "%s, %d calls after 10 warm-up: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %,d bytes each%n",
                what, s.count(), s.p50Micros() / 1000.0, s.p99Micros() / 1000.0, s.maxMicros() / 1000.0, bytes / Math.max(1, calls));
    }
}
