package io.healthmon.agent.cli;

import io.healthmon.agent.collect.CollectorRunner;
import io.healthmon.agent.collect.Sleeper;
import io.healthmon.agent.json.JsonTree;
import io.healthmon.agent.spool.Spool;
import io.healthmon.agent.transport.RetryingSender;
import io.healthmon.agent.transport.SendOutcome;
import io.healthmon.report.CollectionError;
import io.healthmon.report.MetricsReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's work: every interval, collect a report, spool it, then send the spool oldest first in
 * batches until it is empty or the server cannot take more. A report leaves the spool only when the
 * server has answered 2xx for it (or rejected it for good); on shutdown, whatever is unsent stays.
 */
public final class AgentService {

    private final CollectorRunner collectors;
    private final Spool spool;
    private final RetryingSender sender;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;
    private int batchSize;
    private volatile boolean stopping;
    private String lastCollectionErrors = "";

    public AgentService(CollectorRunner collectors, Spool spool, RetryingSender sender, Clock clock, Sleeper sleeper,
                        Duration interval, int batchSize) {
        this.collectors = collectors;
        this.spool = spool;
        this.sender = sender;
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = interval;
        this.batchSize = batchSize;
    }

    /** Runs until {@link #stop()} or interruption. */
    public void run() throws IOException {
        long next = clock.millis();
        while (!stopping) {
            try {
                cycle();
                next += interval.toMillis();
                long wait = next - clock.millis();
                if (wait < 0) {
                    next = clock.millis(); // a slow cycle: start the next one now rather than burst to catch up
                } else {
                    sleeper.sleep(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Log.info("agent stopped; " + spool.size() + " report(s) wait in the spool for the next start");
    }

    public void stop() {
        stopping = true;
    }

    /** One collection and one flush of the spool. */
    public void cycle() throws IOException, InterruptedException {
        MetricsReport report = collectors.collect();
        noteCollectionErrors(report);
        spool.add(report);
        int dropped = spool.enforceLimits();
        if (dropped > 0) {
            Log.warn("spool limits reached: dropped the " + dropped + " oldest report(s)");
        }
        flush();
    }

    /** Sends the spool, oldest first, until it is empty or a request does not go through. */
    public void flush() throws IOException, InterruptedException {
        while (!stopping) {
            List<Spool.Entry> batch = spool.oldest(batchSize);
            if (batch.isEmpty()) {
                return;
            }
            // Loops, not streams, here and below: this runs every interval, and streams and lambdas
            // load and compile classes that stay resident for the agent's lifetime.
            List<Path> files = new ArrayList<>(batch.size());
            List<MetricsReport> reports = new ArrayList<>(batch.size());
            for (Spool.Entry entry : batch) {
                files.add(entry.file());
                reports.add(entry.report());
            }
            SendOutcome outcome = sender.send(reports);
            if (outcome instanceof SendOutcome.Accepted accepted) {
                spool.remove(files);
                logAccepted(accepted.body(), batch.size());
            } else if (outcome instanceof SendOutcome.Rejected rejected) {
                spool.reject(files);
                Log.error("the server rejected " + batch.size() + " report(s) (" + rejected.status() + "): "
                        + rejected.detail() + "; they are kept in the spool's rejected/ folder");
            } else if (outcome instanceof SendOutcome.TooLarge tooLarge) {
                if (batchSize == 1) {
                    spool.reject(files);
                    Log.error("the server finds a single report too large: " + tooLarge.detail());
                } else {
                    batchSize = Math.max(1, batchSize / 2);
                    Log.warn("the server finds the batch too large; sending " + batchSize + " report(s) per request");
                }
            } else if (outcome instanceof SendOutcome.Unauthorized unauthorized) {
                Log.error("the server does not accept this agent's API key (" + unauthorized.status() + "): "
                        + unauthorized.detail() + ". Reports stay in the spool. Register again with"
                        + " 'healthmon-agent register --server URL --token TOKEN' or fix agent.api_key.");
                return;
            } else if (outcome instanceof SendOutcome.RetryLater later) {
                Log.warn("server unavailable (" + later.reason() + "); " + spool.size()
                        + " report(s) wait in the spool for the next interval");
                return;
            }
        }
    }

    private static void logAccepted(JsonTree body, int sent) {
        int accepted = body.path("accepted").asInt(sent);
        int duplicates = body.path("duplicates").asInt(0);
        int rejected = body.path("rejected").asInt(0);
        Log.info("report(s) sent: " + accepted + " accepted" + (duplicates > 0 ? ", " + duplicates + " already stored" : "")
                + (rejected > 0 ? ", " + rejected + " rejected" : ""));
        if (rejected > 0) {
            for (JsonTree result : body.path("results").items()) {
                if ("rejected".equals(result.path("status").asText())) {
                    Log.warn("rejected report " + result.path("timestamp").asText() + ": " + result.path("errors"));
                }
            }
        }
    }

    /** Logs the collection errors when they differ from the last report's, so a lasting one is said once. */
    private void noteCollectionErrors(MetricsReport report) {
        List<CollectionError> errors = report.collectionErrors() == null ? List.of() : report.collectionErrors();
        // Compared as text built here: a record's own toString is generated at run time through
        // java.lang.invoke, some 40 classes more in memory for one comparison per interval.
        StringBuilder text = new StringBuilder();
        for (CollectionError e : errors) {
            text.append(e.collector()).append(": ").append(e.message()).append('\n');
        }
        if (!text.toString().equals(lastCollectionErrors)) {
            for (CollectionError e : errors) {
                Log.warn("collector " + e.collector() + ": " + e.message());
            }
            lastCollectionErrors = text.toString();
        }
    }
}
