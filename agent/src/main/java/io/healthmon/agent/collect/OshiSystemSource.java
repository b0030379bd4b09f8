package io.healthmon.agent.collect;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;
import oshi.software.os.OperatingSystem;

/**
 * {@link SystemSource} over OSHI: CPU ticks, memory, swap, load and uptime as OSHI reads them, space
 * and inodes by the statvfs OSHI uses. Two readings stay the agent's own, each saying why: which file
 * systems are mounted ({@link MountTable}) and the network counters ({@link NetDev}).
 *
 * <p>OSHI's configuration ({@code oshi.properties} in the agent's jar) keeps it from loading udev or
 * systemd's library, which the agent never asks for. OSHI answers "unavailable" with zeros: zero CPU
 * ticks or zero total memory would be reported as an idle, empty machine, so those throw and the
 * collector's failure travels in the report; load averages come as -1 and uptime as 0, which the
 * collectors take as unavailable.
 */
public final class OshiSystemSource implements SystemSource {

    private final SystemInfo oshi;
    private final MountTable mounts;
    private final FileSystemStats stats;
    private final NetDev netDev;
    // OSHI's objects are made on first use, by the collector that needs them: a failure there (JNA
    // cannot load its native stub, say) is that collector's, recorded in the report, not the agent's.
    private CentralProcessor processor;
    private GlobalMemory oshiMemory;
    private OperatingSystem os;

    public OshiSystemSource() {
        this(new SystemInfo(), Path.of("/"), new Statvfs());
    }

    /** Mounts and network counters under {@code root} (OSHI's own paths are its configuration's). */
    OshiSystemSource(SystemInfo oshi, Path root, FileSystemStats stats) {
        this.oshi = oshi;
        this.mounts = new MountTable(root.resolve("proc/self/mounts"));
        this.stats = stats;
        this.netDev = new NetDev(root);
    }

    private CentralProcessor processor() {
        if (processor == null) {
            processor = oshi.getHardware().getProcessor();
        }
        return processor;
    }

    private GlobalMemory globalMemory() {
        if (oshiMemory == null) {
            oshiMemory = oshi.getHardware().getMemory();
        }
        return oshiMemory;
    }

    private OperatingSystem os() {
        if (os == null) {
            os = oshi.getOperatingSystem();
        }
        return os;
    }

    @Override
    public long[] cpuTicks() {
        long[] ticks = processor().getSystemCpuLoadTicks();
        long sum = 0;
        for (long tick : ticks) {
            sum += tick;
        }
        if (sum <= 0) {
            throw new IllegalStateException("OSHI read no CPU ticks (/proc/stat unreadable or malformed)");
        }
        return ticks;
    }

    @Override
    public MemoryReading memory() {
        GlobalMemory memory = globalMemory();
        long total = memory.getTotal();
        if (total <= 0) {
            throw new IllegalStateException("OSHI read no total memory (/proc/meminfo unreadable)");
        }
        return new MemoryReading(total, memory.getAvailable());
    }

    @Override
    public SwapReading swap() {
        GlobalMemory memory = globalMemory();
        if (memory.getTotal() <= 0) {
            throw new IllegalStateException("OSHI read no memory figures (/proc/meminfo unreadable)");
        }
        VirtualMemory virtual = memory.getVirtualMemory();
        return new SwapReading(virtual.getSwapTotal(), virtual.getSwapUsed());
    }

    @Override
    public List<FileSystemReading> fileSystems(Set<String> skippedTypes) {
        List<FileSystemReading> readings = new ArrayList<>();
        for (Map.Entry<String, String> mount : mounts.localMounts().entrySet()) {
            if (!skippedTypes.contains(mount.getValue())) {
                readings.add(reading(mount.getKey(), mount.getValue(), stats.of(mount.getKey())));
            }
        }
        return readings;
    }

    private static FileSystemReading reading(String mountpoint, String type, FileSystemStats.Space space) {
        if (space == null) {
            // As OSHI falls back when statvfs fails: space from the JDK (its own statvfs), inodes unknown (0).
            File file = new File(mountpoint);
            return new FileSystemReading(mountpoint, type, file.getTotalSpace(), file.getFreeSpace(),
                    file.getUsableSpace(), 0, 0);
        }
        return new FileSystemReading(mountpoint, type, space.total(), space.free(), space.usable(),
                space.inodesTotal(), space.inodesFree());
    }

    @Override
    public double[] loadAverage() {
        return processor().getSystemLoadAverage(3);
    }

    /** Whole seconds since boot; -1 when OSHI could not read it. */
    @Override
    public long uptimeSeconds() {
        long uptime = os().getSystemUptime();
        return uptime > 0 ? uptime : -1;
    }

    @Override
    public List<InterfaceReading> networkInterfaces() {
        return netDev.interfaces();
    }
}
