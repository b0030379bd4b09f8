package io.healthmon.agent.transport;

import io.healthmon.agent.cli.Log;
import io.healthmon.agent.collect.Sleeper;
import io.healthmon.report.MetricsReport;
import java.time.Duration;
import java.util.List;

/**
 * Sends with up to {@code retryAttempts} retries after the first attempt, waiting as {@link Backoff}
 * says between them, but only for outcomes worth retrying (network errors, 408, 429, 5xx). Anything
 * else is returned at once: retrying a rejected report would only repeat the rejection.
 */
public final class RetryingSender {

    private final Transport transport;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final int retryAttempts;

    public RetryingSender(Transport transport, Backoff backoff, Sleeper sleeper, int retryAttempts) {
        this.transport = transport;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.retryAttempts = retryAttempts;
    }

    public SendOutcome send(List<MetricsReport> reports) throws InterruptedException {
        SendOutcome outcome = transport.send(reports);
        for (int retry = 1; retry <= retryAttempts && outcome instanceof SendOutcome.RetryLater later; retry++) {
            Duration wait = backoff.delay(retry, later.retryAfter());
            Log.warn("send failed (" + later.reason() + "); retry " + retry + " of " + retryAttempts + " in "
                    + wait.toMillis() + " ms");
            sleeper.sleep(wait.toMillis());
            outcome = transport.send(reports);
        }
        return outcome;
    }
}
