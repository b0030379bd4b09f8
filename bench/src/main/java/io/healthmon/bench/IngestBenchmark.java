package io.healthmon.bench;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers simulated agents, then has {@code concurrency} workers post one report per request,
 * each waiting for its answer before the next (closed loop), for the warm-up and then the measured
 * time. Prints reports/s, latency p50/p99/max and non-2xx answers of the measured part, then counts
 * the rows the server stored for these agents and compares them with the 2xx answers of the whole run,
 * and, for the parts running on this machine, the CPU they used in the measured part.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("healthmon-bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new IngestBenchmark().run(options));
    }

    int run(BenchOptions options) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ApiCalls api = new ApiCalls(http, options.url());
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Reports start an hour back so that no timestamp runs ahead of the server's clock.
        Instant firstTimestamp = Instant.now().minus(Duration.ofHours(1));

        api.awaitReady(Duration.ofMinutes(3));
        System.out.printf(Locale.ROOT, "registering %d agents (bench-%s-*) at %s%n", options.agents(), run, options.url());
        List<SimulatedAgent> agents = register(api, options, run, firstTimestamp);

        System.out.printf(Locale.ROOT, "posting with %d connections: %d s warm-up, %d s measured%n",
                options.concurrency(), options.warmup().toSeconds(), options.duration().toSeconds());
        long start = System.nanoTime();
        long measureFrom = start + options.warmup().toNanos();
        long end = measureFrom + options.duration().toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < options.concurrency(); w++) {
            List<SimulatedAgent> mine = new ArrayList<>();
            for (int a = w; a < agents.size(); a += options.concurrency()) {
                mine.add(agents.get(a));
            }
            workers.add(new Worker(options, mine, measureFrom, end, w));
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
        List<Future<?>> done = new ArrayList<>();
        for (Worker worker : workers) {
            done.add(pool.submit(worker));
        }
        Optional<ProcessCpu.Snapshot> cpuFrom = ProcessCpu.takeAt(measureFrom);
        Optional<ProcessCpu.Snapshot> cpuTo = ProcessCpu.takeAt(end);
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        Latencies.Summary measured = Latencies.summarize(workers.stream().map(w -> w.latencies).toList());
        int non2xx = workers.stream().mapToInt(w -> w.measuredNon2xx).sum();
        long ok = workers.stream().mapToLong(w -> w.okTotal).sum();
        long errors = workers.stream().mapToLong(w -> w.errorsTotal).sum();
        double seconds = options.duration().toNanos() / 1e9;

        long stored = storedRows(api, options, agents, run, firstTimestamp);
        System.out.println();
        System.out.println("== healthmon ingest benchmark ==");
        System.out.printf(Locale.ROOT, "connections        %d%n", options.concurrency());
        System.out.printf(Locale.ROOT, "agents             %d%n", options.agents());
        System.out.printf(Locale.ROOT, "measured requests  %d in %.1f s%n", measured.count(), seconds);
        System.out.printf(Locale.ROOT, "reports/s          %.0f%n", measured.count() / seconds);
        System.out.printf(Locale.ROOT, "latency p50        %.1f ms%n", measured.p50Micros() / 1000.0);
        System.out.printf(Locale.ROOT, "latency p99        %.1f ms%n", measured.p99Micros() / 1000.0);
        System.out.printf(Locale.ROOT, "latency max        %.1f ms%n", measured.maxMicros() / 1000.0);
        System.out.printf(Locale.ROOT, "non-2xx (measured) %d%n", non2xx);
        System.out.printf(Locale.ROOT, "2xx (whole run)    %d%n", ok);
        System.out.printf(Locale.ROOT, "failed requests    %d (non-2xx or no answer, whole run)%n", errors);
        System.out.printf(Locale.ROOT, "rows stored        %d%n", stored);
        System.out.printf(Locale.ROOT, "lost               %d%n", Math.max(0, ok - stored));
        System.out.printf(Locale.ROOT, "stored twice/extra %d%n", Math.max(0, stored - ok));
        if (cpuFrom.isPresent() && cpuTo.isPresent()) {
            ProcessCpu.describe(cpuFrom.get(), cpuTo.get(), seconds, measured.count()).forEach(System.out::println);
        }
        return stored == ok ? 0 : 1;
    }

    private static List<SimulatedAgent> register(ApiCalls api, BenchOptions options, String run, Instant first)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<SimulatedAgent>> futures = new ArrayList<>();
        for (int i = 0; i < options.agents(); i++) {
            String id = "bench-" + run + "-" + i;
            futures.add(pool.submit(() -> new SimulatedAgent(id, api.register(id, options.enrollmentToken()), first)));
        }
        List<SimulatedAgent> agents = new ArrayList<>();
        for (Future<SimulatedAgent> f : futures) {
            agents.add(f.get());
        }
        pool.shutdown();
        return agents;
    }

    private static long storedRows(ApiCalls api, BenchOptions options, List<SimulatedAgent> agents, String run,
                                   Instant first) throws Exception {
        if (options.databaseUrl().isPresent()) {
            try (Connection c = DriverManager.getConnection(options.databaseUrl().get());
                 PreparedStatement s = c.prepareStatement("select count(*) from metrics m join servers s"
                         + " on s.id = m.server_ref where s.server_id like ?")) {
                s.setString(1, "bench-" + run + "-%");
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
        Instant to = first.plus(Duration.ofMinutes(30));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger total = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (SimulatedAgent agent : agents) {
            futures.add(pool.submit(() -> {
                total.addAndGet(api.storedReports(agent.serverId, options.adminToken(), first, to));
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return total.get();
    }

    /** One connection's closed loop over its own agents. */
    private static final class Worker implements java.util.concurrent.Callable<Void> {
        final Latencies latencies = new Latencies();
        int measuredNon2xx;
        long okTotal;
        long errorsTotal;

        private final KeepAliveConnection connection;
        private final List<SimulatedAgent> agents;
        private final long measureFrom;
        private final long end;
        private final ReportFactory reports;

        Worker(BenchOptions options, List<SimulatedAgent> agents, long measureFrom, long end, long seed) {
            this.connection = new KeepAliveConnection(options.url().resolve("api/v1/metrics"));
            this.agents = agents;
            this.measureFrom = measureFrom;
            this.end = end;
            this.reports = new ReportFactory(seed, options.uniformValues());
        }

        @Override
        public Void call() {
            int next = 0;
            while (System.nanoTime() < end && !agents.isEmpty()) {
                SimulatedAgent agent = agents.get(next);
                next = (next + 1) % agents.size();
                byte[] body = reports.json(agent.serverId, agent.nextTimestamp()).getBytes(StandardCharsets.UTF_8);
                long sent = System.nanoTime();
                int status;
                try {
                    status = connection.post(agent.apiKey, body);
                } catch (Exception e) {
                    status = -1;
                }
                long answered = System.nanoTime();
                boolean success = status >= 200 && status < 300;
                if (success) {
                    okTotal++;
                } else {
                    errorsTotal++;
                }
                if (sent >= measureFrom && answered <= end) {
                    latencies.record((answered - sent) / 1000);
                    if (!success) {
                        measuredNon2xx++;
                    }
                }
            }
            connection.close();
            return null;
        }
    }
}
