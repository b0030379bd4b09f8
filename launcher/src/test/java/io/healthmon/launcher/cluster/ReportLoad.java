package io.healthmon.launcher.cluster;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A closed-loop load of reports: {@code connections} threads, each posting the reports of its own
 * share of the servers in turn and waiting for each answer before the next, until the deadline; every
 * answer, or its absence, recorded. A server is posted by one thread only, so its timestamps rise a
 * millisecond a report without locking; they start an hour back, so none runs ahead of the server's
 * clock. CPU stays well under the threshold: the load itself opens no alert.
 */
public final class ReportLoad {

    private final HealthmonHttp http;
    private final URI base;
    private final List<RegisteredServer> servers;
    private final int connections;
    private final Queue<Answer> answers;

    /** Answers go to {@code answers}, which others may add to meanwhile. */
    public ReportLoad(HealthmonHttp http, URI base, List<RegisteredServer> servers, int connections, Queue<Answer> answers) {
        if (servers.size() < connections) {
            throw new IllegalArgumentException("each connection needs a server of its own: " + servers.size() + " < " + connections);
        }
        this.http = http;
        this.base = base;
        this.servers = List.copyOf(servers);
        this.connections = connections;
        this.answers = answers;
    }

    /** Posts until {@code deadline}; returns when every thread has had its last answer. */
    public void runUntil(Instant deadline) throws InterruptedException {
        Instant first = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            List<RegisteredServer> mine = new ArrayList<>();
            for (int s = c; s < servers.size(); s += connections) {
                mine.add(servers.get(s));
            }
            Thread thread = new Thread(() -> postInTurn(mine, first, deadline), "report-load-" + c);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void postInTurn(List<RegisteredServer> mine, Instant first, Instant deadline) {
        long[] sentPerServer = new long[mine.size()];
        int next = 0;
        try {
            while (Instant.now().isBefore(deadline)) {
                Instant timestamp = first.plusMillis(sentPerServer[next]++);
                answers.add(http.post(base, mine.get(next), timestamp, ThreadLocalRandom.current().nextDouble(5, 60)));
                next = (next + 1) % mine.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
