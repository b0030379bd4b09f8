package io.healthmon.agent.collect;

/**
 * CPU use over the collection interval: the share of non-idle ticks between this collection and
 * the previous one. The first collection has no previous one, so it measures over a short window.
 */
public final class CpuCollector implements Collector {

    /** The tick indexes of idle and iowait (both count as not busy). */
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;

    private final SystemSource system;
    private final Sleeper sleeper;
    private final long firstWindowMillis;
    private long[] previous;

    public CpuCollector(SystemSource system, Sleeper sleeper, long firstWindowMillis) {
        this.system = system;
        this.sleeper = sleeper;
        this.firstWindowMillis = firstWindowMillis;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void collect(ReportBuilder report) throws InterruptedException {
        if (previous == null) {
            previous = system.cpuTicks();
            sleeper.sleep(firstWindowMillis);
        }
        long[] now = system.cpuTicks();
        report.cpuUsage(busyPercent(previous, now));
        previous = now;
    }

    /** Busy share between two tick samples; 0 when no tick passed (or counters went backwards). */
    static double busyPercent(long[] before, long[] after) {
        long total = 0;
        long idle = 0;
        for (int i = 0; i < Math.min(before.length, after.length); i++) {
            long delta = Math.max(0, after[i] - before[i]);
            total += delta;
            if (i == IDLE || i == IOWAIT) {
                idle += delta;
            }
        }
        return Percent.of(total - idle, total);
    }
}
