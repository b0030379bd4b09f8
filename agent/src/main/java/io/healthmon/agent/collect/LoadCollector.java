package io.healthmon.agent.collect;

import io.healthmon.report.LoadAverage;

/** The 1, 5 and 15 minute load averages. */
public final class LoadCollector implements Collector {

    private final SystemSource system;

    public LoadCollector(SystemSource system) {
        this.system = system;
    }

    @Override
    public String name() {
        return "load";
    }

    @Override
    public void collect(ReportBuilder report) {
        double[] load = system.loadAverage();
        if (load == null || load.length < 3 || load[0] < 0 || load[1] < 0 || load[2] < 0) {
            throw new IllegalStateException("load average unavailable on this system");
        }
        report.load(new LoadAverage(round(load[0]), round(load[1]), round(load[2])));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
