package io.healthmon.agent.collect;

import io.healthmon.report.DiskUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every real mounted file system, with used space as {@code df} computes it (used = total - free;
 * percentage of what non-root users can fill: used / (used + usable)), and inode use. Pseudo and
 * image file systems, mountpoints the operator excluded, and empty file systems are skipped; a
 * device mounted twice (bind mounts) is reported once, at its first mountpoint.
 */
public final class DiskCollector implements Collector {

    private final SystemSource system;
    private final Set<String> excludedTypes;
    private final List<String> excludedMountpoints;

    public DiskCollector(SystemSource system, Set<String> excludedTypes, List<String> excludedMountpoints) {
        this.system = system;
        this.excludedTypes = excludedTypes;
        this.excludedMountpoints = excludedMountpoints;
    }

    @Override
    public String name() {
        return "disks";
    }

    @Override
    public void collect(ReportBuilder report) {
        // The types the operator excludes are not statted at all: most mounts of a host are pseudo file
        // systems, and a statvfs each costs CPU every collection.
        report.disks(select(system.fileSystems(excludedTypes)));
    }

    List<DiskUsage> select(List<SystemSource.FileSystemReading> readings) {
        Map<String, DiskUsage> byMount = new LinkedHashMap<>();
        for (SystemSource.FileSystemReading fs : readings) {
            if (fs.total() <= 0 || excludedTypes.contains(fs.type()) || excluded(fs.mountpoint())
                    || byMount.containsKey(fs.mountpoint())) {
                continue;
            }
            byMount.put(fs.mountpoint(), usage(fs));
        }
        return new ArrayList<>(byMount.values());
    }

    private boolean excluded(String mountpoint) {
        for (String prefix : excludedMountpoints) {
            if (mountpoint.equals(prefix) || (prefix.endsWith("/") && mountpoint.startsWith(prefix))
                    || mountpoint.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    static DiskUsage usage(SystemSource.FileSystemReading fs) {
        long total = fs.total();
        long free = Math.max(0, Math.min(total, fs.free()));
        long usable = Math.max(0, Math.min(free, fs.usable()));
        long used = total - free;
        Long inodesTotal = fs.inodesTotal() > 0 ? fs.inodesTotal() : null;
        Long inodesUsed = inodesTotal == null ? null : Math.max(0, Math.min(inodesTotal, inodesTotal - fs.inodesFree()));
        Double inodesPercent = inodesTotal == null ? null : Percent.of(inodesUsed, inodesTotal);
        return new DiskUsage(fs.mountpoint(), total, used, Percent.of(used, used + usable), fs.type(),
                inodesTotal, inodesUsed, inodesPercent);
    }
}
