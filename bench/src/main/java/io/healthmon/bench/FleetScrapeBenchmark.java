package io.healthmon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Times Prometheus's scrape of the fleet, {@code GET /api/v1/prometheus}, over a fleet written straight
 * into an embedded run's database: each server with a health row, a newest report of two disks, and one
 * open alert in ten. Prints the time to the last byte of each scrape (median, 90th percentile, max) and
 * the exposition's size and sample count.
 *
 * <pre>java -cp healthmon-bench.jar io.healthmon.bench.FleetScrapeBenchmark --url URL --data-dir DIR [--servers N] [--scrapes N]</pre>
 */
public final class FleetScrapeBenchmark {

    private static final String SERVERS = "insert into servers (server_id, registered_at)"
            + " select 'fleet-' || lpad(g::text, 6, '0'), now() - interval '1 day' from generate_series(1, ?) g"
            + " on conflict do nothing";

    private static final String METRICS = "insert into metrics (server_ref, collected_at, received_at, cpu_usage,"
            + " memory_total, memory_used, memory_percentage, swap_total, swap_used, swap_percentage, load_1, load_5,"
            + " load_15, uptime_seconds, disk_usage, failed_services, agent_version)"
            + " select s.id, date_trunc('second', now()) - interval '20 s', now(), round((random() * 100)::numeric, 1),"
            + " 16000000000, 8000000000 + (random() * 4000000000)::bigint, 55.0, 4000000000, 0, 0.0,"
            + " round((random() * 4)::numeric, 2), 1.5, 1.25, 86400 + s.id, jsonb_build_array("
            + "   jsonb_build_object('mountpoint', '/', 'total', 100000000000, 'used', 40000000000 + s.id,"
            + "     'percentage', 40.0, 'filesystem', 'ext4', 'inodes_total', 6000000, 'inodes_used', 300000,"
            + "     'inodes_percentage', 5.0),"
            + "   jsonb_build_object('mountpoint', '/var', 'total', 500000000000, 'used', 200000000000 + s.id,"
            + "     'percentage', round((random() * 100)::numeric, 1), 'filesystem', 'xfs', 'inodes_total', 30000000,"
            + "     'inodes_used', 1000000, 'inodes_percentage', 3.3)),"
            + " '[]'::jsonb, 'bench' from servers s where s.server_id like 'fleet-%'"
            + " on conflict do nothing";

    private static final String HEALTH = "insert into health_status (server_ref, status, reasons, status_since,"
            + " evaluated_at, latest_collected_at, cpu_usage, memory_percentage, load_1, fullest_disk,"
            + " fullest_disk_percentage, failed_services, last_seen_at, agent_version)"
            + " select m.server_ref, case when m.server_ref % 10 = 0 then 'WARNING' else 'HEALTHY' end, null, now(), now(),"
            + " m.collected_at, m.cpu_usage, 55.0, m.load_1, '/var', 50.0, '[]', m.received_at, 'bench'"
            + " from metrics m join servers s on s.id = m.server_ref where s.server_id like 'fleet-%'"
            + " on conflict (server_ref) do update set latest_collected_at = excluded.latest_collected_at,"
            + " last_seen_at = excluded.last_seen_at, status = excluded.status";

    private static final String ALERTS = "insert into alerts (server_ref, kind, subject, state, opened_at, value, threshold)"
            + " select s.id, 'HIGH_DISK', '/var', 'OPEN', now(), 91.0, 80.0 from servers s"
            + " where s.server_id like 'fleet-%' and s.id % 10 = 0 on conflict do nothing";

    private FleetScrapeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedRunArgs options = EmbeddedRunArgs.parse(args, Map.of("servers", 10_000, "scrapes", 20));
        URI url = options.url();
        Path dataDir = options.dataDir();
        int servers = options.number("servers");
        int scrapes = options.number("scrapes");
        Properties credentials = BenchOptions.credentials(dataDir);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        new ApiCalls(http, url).awaitReady(Duration.ofMinutes(3));
        long seeding = System.nanoTime();
        seed(BenchOptions.embeddedDatabase(dataDir), servers);
        System.out.printf(Locale.ROOT, "fleet of %,d servers written in %.1f s%n", servers, (System.nanoTime() - seeding) / 1e9);

        HttpRequest scrape = HttpRequest.newBuilder(url.resolve("api/v1/prometheus")).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + credentials.getProperty("HEALTHMON_ADMIN_TOKEN")).build();
        long bytes = 0;
        long samples = 0;
        for (int i = 0; i < 3; i++) { // warm-up: the JIT, the database's cache
            bytes = body(http, scrape).length;
        }
        double[] seconds = new double[scrapes];
        for (int i = 0; i < scrapes; i++) {
            long start = System.nanoTime();
            byte[] body = body(http, scrape);
            seconds[i] = (System.nanoTime() - start) / 1e9;
            bytes = body.length;
            samples = samples(body);
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "scrape of %,d servers, %d times after 3 warm-up scrapes: median %.3f s, p90 %.3f s,"
                        + " max %.3f s; %,d bytes (%.0f per server), %,d samples%n", servers, scrapes,
                seconds[scrapes / 2], seconds[(int) Math.ceil(scrapes * 0.9) - 1], seconds[scrapes - 1], bytes,
                (double) bytes / servers, samples);
    }

    private static byte[] body(HttpClient http, HttpRequest scrape) throws IOException, InterruptedException {
        HttpResponse<InputStream> answer = http.send(scrape, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = answer.body()) {
            byte[] body = in.readAllBytes();
            if (answer.statusCode() != 200) {
                throw new IOException("the scrape answered " + answer.statusCode() + ": " + new String(body));
            }
            return body;
        }
    }

    private static long samples(byte[] body) {
        long lines = 0;
        boolean lineStart = true;
        for (byte b : body) {
            if (lineStart && b != '#') {
                lines++;
            }
            lineStart = b == '\n';
        }
        return lines;
    }

    private static void seed(String database, int servers) throws SQLException {
        try (Connection c = DriverManager.getConnection(database)) {
            try (PreparedStatement s = c.prepareStatement(SERVERS)) {
                s.setInt(1, servers);
                s.executeUpdate();
            }
            for (String sql : new String[] {METRICS, HEALTH, ALERTS}) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("analyze")) {
                s.executeUpdate();
            }
        }
    }
}
