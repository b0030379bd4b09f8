package io.healthmon.agent.collect;

/** Seconds since boot. */
public final class UptimeCollector implements Collector {

    private final SystemSource system;

    public UptimeCollector(SystemSource system) {
        this.system = system;
    }

    @Override
    public String name() {
        return "uptime";
    }

    @Override
    public void collect(ReportBuilder report) {
        long uptime = system.uptimeSeconds();
        if (uptime < 0) {
            throw new IllegalStateException("uptime unavailable: " + uptime);
        }
        report.uptime(uptime);
    }
}
