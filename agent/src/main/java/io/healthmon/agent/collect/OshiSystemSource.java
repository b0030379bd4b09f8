package io.healthmon.agent.collect;

import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/** {@link SystemSource} over OSHI. Created once: OSHI caches what does not change. */
public final class OshiSystemSource implements SystemSource {

    private final HardwareAbstractionLayer hardware;
    private final OperatingSystem os;

    public OshiSystemSource() {
        SystemInfo info = new SystemInfo();
        this.hardware = info.getHardware();
        this.os = info.getOperatingSystem();
    }

    @Override
    public long[] cpuTicks() {
        return hardware.getProcessor().getSystemCpuLoadTicks();
    }

    @Override
    public MemoryReading memory() {
        GlobalMemory memory = hardware.getMemory();
        return new MemoryReading(memory.getTotal(), memory.getAvailable());
    }

    @Override
    public SwapReading swap() {
        var virtual = hardware.getMemory().getVirtualMemory();
        return new SwapReading(virtual.getSwapTotal(), virtual.getSwapUsed());
    }

    @Override
    public List<FileSystemReading> fileSystems() {
        // Local file systems only: a hung network mount must not stall the report.
        return os.getFileSystem().getFileStores(true).stream()
                .map(OshiSystemSource::reading)
                .toList();
    }

    private static FileSystemReading reading(OSFileStore store) {
        return new FileSystemReading(store.getMount(), store.getType(), store.getTotalSpace(), store.getFreeSpace(),
                store.getUsableSpace(), store.getTotalInodes(), store.getFreeInodes());
    }

    @Override
    public double[] loadAverage() {
        CentralProcessor processor = hardware.getProcessor();
        return processor.getSystemLoadAverage(3);
    }

    @Override
    public long uptimeSeconds() {
        return os.getSystemUptime();
    }

    @Override
    public List<InterfaceReading> networkInterfaces() {
        return hardware.getNetworkIFs(true).stream()
                .map(n -> new InterfaceReading(n.getName(), n.getBytesRecv(), n.getBytesSent(), isLoopback(n)))
                .toList();
    }

    private static boolean isLoopback(NetworkIF n) {
        try {
            return n.queryNetworkInterface().isLoopback();
        } catch (java.net.SocketException | RuntimeException e) {
            return "lo".equals(n.getName());
        }
    }
}
