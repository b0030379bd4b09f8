package io.healthmon.agent.collect;

import io.healthmon.agent.cli.Log;
import io.healthmon.report.MetricsReport;
import java.time.Clock;
import java.util.List;

/**
 * Runs every collector in turn for one report: each is timed, and a failure is logged and recorded in
 * the report's {@code collection_errors} while the others go on (the spec's partial metrics).
 */
public final class CollectorRunner {

    /** A collector slower than this is worth a log line: it delays every report. */
    static final long SLOW_MILLIS = 2_000;

    private final List<Collector> collectors;
    private final Clock clock;
    private final String serverId;
    private final String agentVersion;

    public CollectorRunner(List<Collector> collectors, Clock clock, String serverId, String agentVersion) {
        this.collectors = List.copyOf(collectors);
        this.clock = clock;
        this.serverId = serverId;
        this.agentVersion = agentVersion;
    }

    public MetricsReport collect() throws InterruptedException {
        ReportBuilder report = new ReportBuilder();
        for (Collector collector : collectors) {
            long started = System.nanoTime();
            try {
                collector.collect(report);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | LinkageError e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                report.error(collector.name(), message);
                Log.warn("collector " + collector.name() + " failed: " + message + "; the report goes out without it");
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis > SLOW_MILLIS) {
                Log.warn("collector " + collector.name() + " took " + millis + " ms");
            }
        }
        // The timestamp is the moment the collection ended, in UTC with millisecond precision.
        return report.build(serverId, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), agentVersion);
    }
}
