package io.healthmon.agent.transport;

import io.healthmon.report.MetricsReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends to the instances of a healthmon cluster, listed in order of preference. A request goes to
 * the server that answered last; when that one is {@link SendOutcome.Unavailable unavailable} the
 * same request goes at once to the next in the list (wrapping round), so one dead instance delays
 * nothing, and only when none took it does the caller back off. Any other outcome is that server's
 * answer and is returned as it is: a rejection, a 401 or a 429 is the cluster's judgement (its
 * instances share one database), and asking another instance would only shop for a different one.
 * Once {@code failbackAfter} has passed since the first server last failed, requests start with it
 * again, because an operator lists first the instance the agent should use. Used by one thread at a
 * time (the sender's).
 */
public final class FailoverTransport implements Transport {

    /** Where the failover says that the agent now sends to another server; the agent's log. */
    public interface SwitchLog {
        void warn(String line);

        void info(String line);
    }

    private final List<HttpTransport> servers;
    private final Duration failbackAfter;
    private final Clock clock;
    private final SwitchLog log;
    /** The server that answered last; the next request goes to it first. */
    private int current;
    /** When the first server last failed to take a request; always set while {@code current} is not 0. */
    private Instant firstFailedAt;

    public FailoverTransport(List<HttpTransport> servers, Duration failbackAfter, Clock clock, SwitchLog log) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no server to send to");
        }
        this.servers = List.copyOf(servers);
        this.failbackAfter = failbackAfter;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public SendOutcome send(List<MetricsReport> reports) throws InterruptedException {
        boolean failingBack = current != 0 && !clock.instant().isBefore(firstFailedAt.plus(failbackAfter));
        int start = failingBack ? 0 : current;
        int count = servers.size();
        // Loops and a StringBuilder, not streams: this runs for every request the agent sends.
        StringBuilder unavailable = new StringBuilder();
        SendOutcome.Unavailable last = null;
        Duration soonestRetry = null;
        for (int i = 0; i < count; i++) {
            int index = (start + i) % count;
            SendOutcome outcome = servers.get(index).send(reports);
            if (!(outcome instanceof SendOutcome.Unavailable away)) {
                answeredBy(index, unavailable);
                return outcome;
            }
            if (index == 0) {
                firstFailedAt = clock.instant();
            }
            unavailable.append(unavailable.length() == 0 ? "" : "; ").append(url(index)).append(": ").append(away.reason());
            if (away.retryAfter() != null && (soonestRetry == null || away.retryAfter().compareTo(soonestRetry) < 0)) {
                soonestRetry = away.retryAfter();
            }
            last = away;
        }
        if (count == 1) {
            return last; // the one server's own words, as without a cluster
        }
        // The soonest Retry-After: the earliest any instance expects to take requests again.
        return new SendOutcome.Unavailable("none of the " + count + " servers took the request: " + unavailable, soonestRetry);
    }

    private void answeredBy(int index, StringBuilder unavailable) {
        if (index == current) {
            if (unavailable.length() > 0) { // only when failing back: the first was tried and is still away
                log.warn("the first server is still unavailable (" + unavailable + "); sending to " + url(current)
                        + " as before and trying the first again in " + secondsUntilFailback() + " s");
            }
            return;
        }
        current = index;
        if (index == 0) {
            log.info("sending to the first server " + url(0) + " again"
                    + (unavailable.length() == 0 ? "" : " (" + unavailable + ")"));
        } else {
            log.warn("sending to " + url(index) + " from now on (" + unavailable + "); the first server is tried again in "
                    + secondsUntilFailback() + " s");
        }
    }

    /** Rounded up, so the log says the configured period rather than a second less for the milliseconds spent. */
    private long secondsUntilFailback() {
        long millis = Duration.between(clock.instant(), firstFailedAt.plus(failbackAfter)).toMillis();
        return Math.max(0, (millis + 999) / 1000);
    }

    private String url(int index) {
        return servers.get(index).server().toString();
    }
}
