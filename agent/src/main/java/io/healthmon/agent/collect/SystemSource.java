package io.healthmon.agent.collect;

import java.util.List;
import java.util.Set;

/** What the agent reads from the machine: the seam over OSHI ({@link OshiSystemSource}); faked in tests. */
public interface SystemSource {

    /** Cumulative CPU ticks by state (the order of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal). */
    long[] cpuTicks();

    /** Physical memory: total and available bytes. */
    MemoryReading memory();

    /** Swap: total and used bytes. */
    SwapReading swap();

    /** The local file systems, but none of {@code skippedTypes}: those are not even statted. */
    List<FileSystemReading> fileSystems(Set<String> skippedTypes);

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
