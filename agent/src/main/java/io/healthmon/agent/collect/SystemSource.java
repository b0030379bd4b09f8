package io.healthmon.agent.collect;

import java.util.List;

/** What the agent reads from the machine: the seam over OSHI ({@link OshiSystemSource}); faked in tests. */
public interface SystemSource {

    /** Cumulative CPU ticks by state (the order of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal). */
    long[] cpuTicks();

    /** Physical memory: total and available bytes. */
    MemoryReading memory();

    /** Swap: total and used bytes. */
    SwapReading swap();

    List<FileSystemReading> fileSystems();

    /** 1, 5 and 15 minute load averages; negative entries mean unavailable. */
    double[] loadAverage();

    long uptimeSeconds();

    List<InterfaceReading> networkInterfaces();

    record MemoryReading(long total, long available) {
    }

    record SwapReading(long total, long used) {
    }

    /** Space in bytes as statvfs gives it: total, free (to root) and usable (to others); inodes likewise. */
    record FileSystemReading(String mountpoint, String type, long total, long free, long usable,
                             long inodesTotal, long inodesFree) {
    }

    record InterfaceReading(String name, long bytesReceived, long bytesSent, boolean loopback) {
    }
}
