package io.healthmon.agent.cli;

import io.healthmon.agent.collect.CollectorRunner;
import io.healthmon.agent.collect.Sleeper;
import io.healthmon.agent.spool.Spool;
import io.healthmon.report.CollectionError;
import io.healthmon.report.MetricsReport;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The agent's work: every interval, on a fixed schedule, collect a report and spool it; meanwhile a
 * {@link SpoolSender} on a thread of its own sends the spool to the server. The two meet only in the
 * spool, so a server that is slow or away delays no collection. A report leaves the spool only when
 * the server has answered 2xx for it (or its application rejected it); on shutdown, whatever is
 * unsent stays.
 */
public final class AgentService {

    private final CollectorRunner collectors;
    private final Spool spool;
    private final SpoolSender sender;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;
    private final int onceRetries;
    private volatile boolean stopping;
    private volatile Thread collecting;
    private volatile Thread sending;
    private String lastCollectionErrors = "";

    /**
     * @param sleeper     waits between collections
     * @param onceRetries how often {@link #cycle()} sends again after a failure before it gives up
     */
    public AgentService(CollectorRunner collectors, Spool spool, SpoolSender sender, Clock clock, Sleeper sleeper,
                        Duration interval, int onceRetries) {
        this.collectors = collectors;
        this.spool = spool;
        this.sender = sender;
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = interval;
        this.onceRetries = onceRetries;
    }

    /**
     * Collects on schedule and sends on a second thread until {@link #stop()} or interruption. Throws
     * when the spool cannot be written, or when the sending thread died, so the service manager
     * starts the agent again rather than keep an agent that only collects.
     */
    public void run() throws IOException {
        collecting = Thread.currentThread();
        Thread thread = new Thread(sender, "agent-send");
        sending = thread;
        thread.start();
        try {
            collectOnSchedule(thread);
        } catch (InterruptedException | ClosedByInterruptException e) {
            // stopping; a report being written when the signal came is left as a .tmp file the next start removes
        } finally {
            collecting = null;
            thread.interrupt();
            Thread.interrupted(); // cleared, or join would throw at once
            try {
                thread.join(); // a request in flight finishes first: the JDK's HTTP cannot be interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // asked twice: stop waiting
            }
        }
        Log.info("agent stopped; " + spool.size() + " report(s) wait in the spool for the next start");
    }

    public void stop() {
        stopping = true;
        Thread thread = collecting;
        if (thread != null) {
            thread.interrupt();
        }
        thread = sending;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Collections start every interval from the first one, whatever the sender does: the deadlines are
     * counted from the start, not from the end of the last collection. A collection that overran
     * skips the slots it missed rather than running several at once.
     */
    private void collectOnSchedule(Thread sendingThread) throws IOException, InterruptedException {
        long period = interval.toMillis();
        long next = clock.millis();
        while (!stopping) {
            collect();
            if (!sendingThread.isAlive()) {
                throw new IllegalStateException("the sending thread stopped unexpectedly (see the error above);"
                        + " the agent exits so that it is started again");
            }
            next += period;
            long now = clock.millis();
            if (now > next) {
                next += ((now - next) / period + 1) * period;
            } else if (next - now > period) {
                next = now + period; // the clock was set back: keep the interval rather than wait the difference
            }
            sleeper.sleep(next - now);
        }
    }

    /** One collection and one send of the spool with retries, in the calling thread: {@code --once}. */
    public void cycle() throws IOException, InterruptedException {
        collect();
        sender.drain(onceRetries);
    }

    private void collect() throws IOException, InterruptedException {
        MetricsReport report = collectors.collect();
        noteCollectionErrors(report);
        spool.add(report);
        int dropped = spool.enforceLimits();
        if (dropped > 0) {
            Log.warn("spool limits reached: dropped the " + dropped + " oldest report(s)");
        }
        sender.wake();
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
