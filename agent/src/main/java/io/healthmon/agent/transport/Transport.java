package io.healthmon.agent.transport;

import io.healthmon.report.MetricsReport;
import java.util.List;

/** Sends one request's worth of reports; one attempt, no retries (the spool's sender retries). */
@FunctionalInterface
public interface Transport {

    SendOutcome send(List<MetricsReport> reports) throws InterruptedException;
}
