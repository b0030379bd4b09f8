package io.healthmon.server.application;

import io.healthmon.report.MetricsReport;
import io.healthmon.server.config.IngestConfig;
import io.healthmon.server.failure.DatabaseOutage;
import io.healthmon.server.logging.ThrottledLog;
import io.healthmon.server.telemetry.ServerMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: concurrent ingestion requests are stored together, many in one transaction, by a few
 * writer threads ({@code healthmon.ingest.writers}, at most {@code healthmon.ingest.max-group} requests
 * per transaction). A request is answered only after the transaction holding its reports has
 * committed, so every 2xx is durable, and each request still learns the fate of each of its reports.
 * A transaction per report cannot go past what the database commits per second; grouping pays the
 * commit, the connection checkout and the transaction bookkeeping once per group, so writers beyond
 * the first store only when requests have waited {@code healthmon.ingest.relief-after-ms} for a busy
 * writer ({@link GroupQueue}).
 *
 * <p>If a group fails for a reason other than the database being away, its requests are stored again
 * one by one, so a request that cannot be stored never fails the others.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());
    /** Answering a request costs a small fraction of storing it; two threads keep up with any writer count. */
    private static final int ANSWER_THREADS = 2;

    @Inject
    IngestionService ingestion;

    @Inject
    IngestConfig config;

    @Inject
    ServerMetrics metrics;

    @Resource
    ManagedThreadFactory threads;

    private GroupQueue<Pending> queue;
    private AnswerDeadlines deadlines;
    private final List<Thread> writers = new ArrayList<>();
    /**
     * Completes each group's answers, so its writer goes back to the queue at once: completing an
     * answer writes that request's response and resumes its connection (Grizzly's filter chain runs in
     * the completing thread), time in which a writer could not start its next group
     * (docs/decisions/0007). It also runs the sweep of overdue answers, which completes answers too.
     * Its threads come from the container's ManagedThreadFactory; the shared
     * ManagedScheduledExecutorService would run the sweep in the context of the request that created
     * this bean, and go on running it after this bean is gone.
     */
    private ScheduledThreadPoolExecutor answering;
    private volatile boolean running = true;
    private ThrottledLog overdueLog;

    @PostConstruct
    void start() {
        queue = new GroupQueue<>(config.maxGroup(), config.reliefAfter());
        metrics.gauge("healthmon_group_commit_queue_depth", "Push requests waiting for a group commit.", queue::waiting);
        // The client is told to retry; if the group does commit later, the retry is acknowledged as a duplicate.
        Duration answerWithin = config.answerWithin();
        deadlines = new AnswerDeadlines(answerWithin, () -> new SQLTransientConnectionException(
                "the reports were not stored within " + answerWithin.toSeconds() + " s"), System::nanoTime);
        overdueLog = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());
        answering = new ScheduledThreadPoolExecutor(ANSWER_THREADS, task -> {
            Thread thread = threads.newThread(task);
            thread.setName("healthmon-ingest-answer");
            thread.setDaemon(true);
            return thread;
        });
        answering.scheduleWithFixedDelay(this::failOverdueAnswers, 1, 1, TimeUnit.SECONDS);
        for (int i = 0; i < config.writers(); i++) {
            Thread writer = threads.newThread(this::writeGroups);
            writer.setName("healthmon-ingest-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
        answering.shutdown();
    }

    /**
     * Checks the request and has its valid reports stored with others'. The answer completes once they
     * are committed, or fails: with the database's error, or after {@code healthmon.ingest.answer-within}
     * (within a second more) with a {@link SQLTransientConnectionException}, told to retry. A request
     * that fails its checks throws at once, and so does one that finds
     * {@code healthmon.ingest.max-waiting} requests already waiting ({@link IngestOverloadedException}).
     */
    public CompletableFuture<IngestOutcome> submit(AuthenticatedAgent agent, List<MetricsReport> reports) {
        CheckedRequest checked = ingestion.check(agent, reports);
        if (checked.nothingToStore()) {
            return CompletableFuture.completedFuture(checked.outcome(new boolean[reports.size()]));
        }
        if (queue.waiting() >= config.maxWaiting()) {
            overdueLog.warning("overloaded", () -> "Ingestion is overloaded: " + config.maxWaiting()
                    + " requests wait to be stored; new ones are answered 503 with Retry-After");
            throw new IngestOverloadedException(config.maxWaiting());
        }
        CompletableFuture<IngestOutcome> answer = new CompletableFuture<>();
        deadlines.watch(answer);
        queue.add(new Pending(checked, answer));
        return answer;
    }

    /** Never throws: an exception would end the periodic sweep for good. */
    private void failOverdueAnswers() {
        try {
            int failed = deadlines.sweep();
            if (failed > 0) {
                overdueLog.warning("overdue", () -> failed + " ingestion requests were not stored within "
                        + config.answerWithin().toSeconds() + " s; their agents were told to retry");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Failing overdue ingestion answers met an unexpected error", e);
        }
    }

    private void writeGroups() {
        while (running) {
            try {
                List<Pending> group = queue.take(1, TimeUnit.SECONDS);
                if (group.isEmpty()) {
                    continue;
                }
                try {
                    write(group);
                } finally {
                    queue.done();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return; // stopping: the answer threads refuse new work
                }
                LOG.log(Level.SEVERE, "An ingest writer met an unexpected error; it carries on", e);
            }
        }
    }

    private void write(List<Pending> group) {
        try {
            List<IngestOutcome> outcomes = ingestion.store(group.stream().map(Pending::request).toList());
            metrics.groupCommitted(group.size());
            answering.execute(() -> {
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer().complete(outcomes.get(i));
                }
            });
        } catch (Exception e) {
            if (group.size() > 1 && !DatabaseOutage.isCause(e)) {
                LOG.log(Level.WARNING, "A group of " + group.size() + " requests could not be stored together;"
                        + " storing them one by one. Cause: " + e);
                group.forEach(p -> write(List.of(p)));
            } else {
                answering.execute(() -> group.forEach(p -> p.answer().completeExceptionally(e)));
            }
        }
    }

    private record Pending(CheckedRequest request, CompletableFuture<IngestOutcome> answer) {
    }
}
