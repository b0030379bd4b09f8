package io.healthmon.agent.transport;

import io.healthmon.report.MetricsReport;
import java.util.List;

/** Sends one request's worth of reports; one attempt, no retries (see {@link RetryingSender}). */
@FunctionalInterface
public interface Transport {

    SendOutcome send(List<MetricsReport> reports) throws InterruptedException;
}
