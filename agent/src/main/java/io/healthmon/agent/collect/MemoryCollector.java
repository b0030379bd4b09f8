package io.healthmon.agent.collect;

import io.healthmon.report.Memory;

/** Memory used (total less available, as `free` reports it) and swap. */
public final class MemoryCollector implements Collector {

    private final SystemSource system;

    public MemoryCollector(SystemSource system) {
        this.system = system;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void collect(ReportBuilder report) {
        SystemSource.MemoryReading m = system.memory();
        long total = Math.max(0, m.total());
        long used = Math.max(0, Math.min(total, total - m.available()));
        report.memory(new Memory(total, used, Percent.of(used, total)));
        SystemSource.SwapReading s = system.swap();
        long swapTotal = Math.max(0, s.total());
        long swapUsed = Math.max(0, Math.min(swapTotal, s.used()));
        report.swap(new Memory(swapTotal, swapUsed, Percent.of(swapUsed, swapTotal)));
    }
}
