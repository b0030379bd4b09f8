package io.healthmon.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers simulated agents, then has {@code concurrency} connections post one report per request,
 * each waiting for its answer before the next (closed loop), for the warm-up and then the measured
 * time. The connections are driven by a few non-blocking event loops ({@link EventLoop}), or with
 * {@code --blocking} (and for https) each by its own thread, the former way. Prints reports/s,
 * latency p50/p99/max and non-2xx answers of the measured part, then counts the rows the server
 * stored for these agents and compares them with the 2xx answers of the whole run, and, for the
 * parts running on this machine, the CPU they used in the measured part; and how fast the machine ran
 * plain Java just before and just after the load ({@link MachineSpeed}).
 */
public final class IngestBenchmark {

    /** A request unanswered this long fails, and its connection is reopened (as KeepAliveConnection's read timeout). */
    private static final long ANSWER_TIMEOUT_NANOS = 30_000_000_000L;

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

        MachineSpeed gauge = new MachineSpeed();
        double speedBefore = gauge.measure();

        boolean nonBlocking = !options.blocking() && "http".equals(options.url().getScheme());
        int ioThreads = Math.min(options.ioThreads(), options.concurrency());
        System.out.println(nonBlocking
                ? String.format(Locale.ROOT, "driving the connections from %d non-blocking event loop thread(s)", ioThreads)
                : "driving each connection from its own blocking thread" + (options.blocking() ? "" : " (https)"));
        System.out.printf(Locale.ROOT, "posting with %d connections: %d s warm-up, %d s measured%n",
                options.concurrency(), options.warmup().toSeconds(), options.duration().toSeconds());
        long start = System.nanoTime();
        long measureFrom = start + options.warmup().toNanos();
        long end = measureFrom + options.duration().toNanos();
        List<List<SimulatedAgent>> agentsByConnection = agentsByConnection(agents, options.concurrency());
        List<RequestOutcomes> outcomes = new ArrayList<>();
        for (int c = 0; c < options.concurrency(); c++) {
            outcomes.add(new RequestOutcomes(measureFrom, end));
        }
        List<Callable<Void>> drivers = nonBlocking
                ? eventLoops(options, agentsByConnection, outcomes, end, ioThreads)
                : workers(options, agentsByConnection, outcomes, end);
        ExecutorService pool = Executors.newFixedThreadPool(drivers.size());
        List<Future<?>> done = new ArrayList<>();
        for (Callable<Void> driver : drivers) {
            done.add(pool.submit(driver));
        }
        Optional<String> database = options.database();
        Optional<ProcessCpu.Snapshot> cpuFrom = ProcessCpu.takeAt(measureFrom);
        OptionalLong walFrom = WalPosition.of(database);
        Optional<ProcessCpu.Snapshot> cpuTo = ProcessCpu.takeAt(end);
        OptionalLong walTo = WalPosition.of(database);
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double speedAfter = gauge.measure();

        Latencies.Summary measured = Latencies.summarize(outcomes.stream().map(o -> o.latencies).toList());
        int non2xx = outcomes.stream().mapToInt(o -> o.measuredNon2xx).sum();
        long ok = outcomes.stream().mapToLong(o -> o.okTotal).sum();
        long errors = outcomes.stream().mapToLong(o -> o.errorsTotal).sum();
        double seconds = options.duration().toNanos() / 1e9;

        long stored = storedRows(api, options, database, agents, run, firstTimestamp);
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
        if (walFrom.isPresent() && walTo.isPresent() && measured.count() > 0) {
            long bytes = walTo.getAsLong() - walFrom.getAsLong();
            System.out.printf(Locale.ROOT, "PostgreSQL WAL     %.0f bytes/report (%.1f MB/s)%n",
                    (double) bytes / measured.count(), bytes / seconds / 1e6);
        }
        database.ifPresent(url -> System.out.println(MetricsStorage.describe(url)));
        System.out.println(MachineSpeed.describe(speedBefore, speedAfter));
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

    private static long storedRows(ApiCalls api, BenchOptions options, Optional<String> database, List<SimulatedAgent> agents,
                                   String run, Instant first) throws Exception {
        if (database.isPresent()) {
            try (Connection c = DriverManager.getConnection(database.get());
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

    /** Agent a goes to connection a mod concurrency: each agent is driven by one connection only. */
    static List<List<SimulatedAgent>> agentsByConnection(List<SimulatedAgent> agents, int concurrency) {
        List<List<SimulatedAgent>> byConnection = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            List<SimulatedAgent> mine = new ArrayList<>();
            for (int a = c; a < agents.size(); a += concurrency) {
                mine.add(agents.get(a));
            }
            byConnection.add(mine);
        }
        return byConnection;
    }

    /** The connections shared out over {@code ioThreads} event loops, connection c to loop c mod ioThreads. */
    static List<Callable<Void>> eventLoops(BenchOptions options, List<List<SimulatedAgent>> agentsByConnection,
                                           List<RequestOutcomes> outcomes, long end, int ioThreads) {
        URI target = options.url().resolve("api/v1/metrics");
        InetSocketAddress address = new InetSocketAddress(target.getHost(), PostRequestEncoder.port(target));
        List<List<LoopConnection>> byLoop = new ArrayList<>();
        for (int t = 0; t < ioThreads; t++) {
            byLoop.add(new ArrayList<>());
        }
        for (int c = 0; c < agentsByConnection.size(); c++) {
            LoopConnection connection = new LoopConnection(address, new PostRequestEncoder(target), agentsByConnection.get(c),
                    new ReportFactory(c, options.uniformValues()), outcomes.get(c), end, ANSWER_TIMEOUT_NANOS);
            byLoop.get(c % ioThreads).add(connection);
        }
        return byLoop.stream().<Callable<Void>>map(EventLoop::new).toList();
    }

    /** One blocking worker thread per connection: the former way, kept for comparison and for https. */
    private static List<Callable<Void>> workers(BenchOptions options, List<List<SimulatedAgent>> agentsByConnection,
                                                List<RequestOutcomes> outcomes, long end) {
        List<Callable<Void>> workers = new ArrayList<>();
        for (int c = 0; c < agentsByConnection.size(); c++) {
            workers.add(new Worker(options, agentsByConnection.get(c), outcomes.get(c), end, c));
        }
        return workers;
    }

    /** One connection's closed loop over its own agents. */
    private static final class Worker implements Callable<Void> {
        private final KeepAliveConnection connection;
        private final List<SimulatedAgent> agents;
        private final RequestOutcomes outcomes;
        private final long end;
        private final ReportFactory reports;

        Worker(BenchOptions options, List<SimulatedAgent> agents, RequestOutcomes outcomes, long end, long seed) {
            this.connection = new KeepAliveConnection(options.url().resolve("api/v1/metrics"));
            this.agents = agents;
            this.outcomes = outcomes;
            this.end = end;
            this.reports = new ReportFactory(seed, options.uniformValues());
        }

        @Override
        public Void call() {
            int next = 0;
            while (System.nanoTime() < end && !agents.isEmpty()) {
                SimulatedAgent agent = agents.get(next);
                next = (next + 1) % agents.size();
                byte[] body = reports.jsonBytes(agent.serverId, agent.nextTimestamp());
                long sent = System.nanoTime();
                int status;
                try {
                    status = connection.post(agent.apiKey, body);
                } catch (Exception e) {
                    status = RequestOutcomes.NO_ANSWER;
                }
                outcomes.record(sent, System.nanoTime(), status);
            }
            connection.close();
            return null;
        }
    }
}
