package io.healthmon.agent.cli;

import io.healthmon.agent.collect.Sleeper;
import io.healthmon.agent.json.JsonTree;
import io.healthmon.agent.spool.Spool;
import io.healthmon.agent.transport.Backoff;
import io.healthmon.agent.transport.SendOutcome;
import io.healthmon.agent.transport.Transport;
import io.healthmon.report.MetricsReport;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the spool oldest first, on a thread of its own so that a slow or absent server never delays
 * a collection. A report leaves the spool when the server has answered 2xx for it, or when
 * healthmon's application has rejected it; after any other answer the sender waits as {@link Backoff}
 * says and sends the same reports again, for as long as it takes (the spool's limits bound what
 * waits). Between sends it sleeps until {@link #wake()}; interruption stops it, leaving whatever is
 * unsent in the spool.
 */
public final class SpoolSender implements Runnable {

    private final Spool spool;
    private final Transport transport;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private int batchSize;
    /** Requests in a row that did not go through; the next wait grows with it. */
    private int failures;
    /** Set by {@link #wake()} when a report was spooled since the sender last looked; guarded by this. */
    private boolean work;

    public SpoolSender(Spool spool, Transport transport, Backoff backoff, Sleeper sleeper, int batchSize) {
        this.spool = spool;
        this.transport = transport;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.batchSize = batchSize;
    }

    /** A report was spooled: send it if the sender is idle (a sender backing off keeps waiting). */
    public synchronized void wake() {
        work = true;
        notifyAll();
    }

    /** Sends until interrupted. */
    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Duration wait;
                try {
                    wait = drain();
                } catch (ClosedByInterruptException e) {
                    return; // stopped while reading the spool
                } catch (IOException e) {
                    wait = backoff.delay(++failures, null);
                    Log.error("cannot read the spool (" + e.getMessage() + "); trying again in " + wait.toMillis() + " ms");
                }
                if (wait == null) {
                    awaitWork();
                } else {
                    sleeper.sleep(wait.toMillis());
                }
            }
        } catch (InterruptedException e) {
            // stopping: what is unsent stays in the spool for the next start
        }
    }

    /** Sends the spool, trying again at most {@code retries} times after backoff; for {@code --once}. */
    public void drain(int retries) throws IOException, InterruptedException {
        Duration wait = drain();
        for (int retry = 0; wait != null && retry < retries; retry++) {
            sleeper.sleep(wait.toMillis());
            wait = drain();
        }
    }

    /**
     * Sends batches oldest first until the spool is empty (then null) or a request did not go
     * through (then the wait before trying again).
     */
    Duration drain() throws IOException, InterruptedException {
        while (true) {
            List<Spool.Entry> batch = spool.oldest(batchSize);
            if (batch.isEmpty()) {
                return null;
            }
            // Loops, not streams, here and below: this runs every interval, and streams and lambdas
            // load and compile classes that stay resident for the agent's lifetime.
            List<Path> files = new ArrayList<>(batch.size());
            List<MetricsReport> reports = new ArrayList<>(batch.size());
            for (Spool.Entry entry : batch) {
                files.add(entry.file());
                reports.add(entry.report());
            }
            SendOutcome outcome = transport.send(reports);
            if (outcome instanceof SendOutcome.Accepted accepted) {
                spool.remove(files);
                failures = 0;
                logAccepted(accepted.body(), batch.size());
            } else if (outcome instanceof SendOutcome.Rejected rejected) {
                spool.reject(files);
                failures = 0;
                Log.error("the server rejected " + batch.size() + " report(s) (" + rejected.status() + "): "
                        + rejected.detail() + "; they are kept in the spool's rejected/ folder");
            } else if (outcome instanceof SendOutcome.TooLarge tooLarge) {
                if (batchSize > 1) {
                    batchSize = Math.max(1, batchSize / 2);
                    Log.warn("the server finds the batch too large; sending " + batchSize + " report(s) per request");
                } else if (tooLarge.byApplication()) {
                    spool.reject(files);
                    failures = 0;
                    Log.error("the server finds a single report too large: " + tooLarge.detail()
                            + "; it is kept in the spool's rejected/ folder");
                } else {
                    return failed("something in front of the server finds a single report too large (413"
                            + (tooLarge.detail().isEmpty() ? "" : ": " + tooLarge.detail()) + ")", null);
                }
            } else if (outcome instanceof SendOutcome.Unauthorized unauthorized) {
                Duration wait = backoff.delay(++failures, null);
                Log.error("the server does not accept this agent's API key (" + unauthorized.status() + "): "
                        + unauthorized.detail() + ". Reports stay in the spool; trying again in " + wait.toMillis()
                        + " ms. Register again with 'healthmon-agent register --server URL --token TOKEN' or fix agent.api_key.");
                return wait;
            } else if (outcome instanceof SendOutcome.RetryLater later) {
                return failed(later.reason(), later.retryAfter());
            } else if (outcome instanceof SendOutcome.Unavailable unavailable) {
                return failed(unavailable.reason(), unavailable.retryAfter()); // every server, when there are several
            }
        }
    }

    private Duration failed(String reason, Duration retryAfter) throws IOException {
        Duration wait = backoff.delay(++failures, retryAfter);
        Log.warn("send failed (" + reason + "); " + spool.size() + " report(s) wait in the spool; trying again in "
                + wait.toMillis() + " ms");
        return wait;
    }

    private synchronized void awaitWork() throws InterruptedException {
        while (!work) {
            wait();
        }
        work = false;
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
}
