package io.healthmon.agent.collect;

import io.healthmon.agent.systemd.CommandRunner;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SystemSource} over Linux's own files ({@code /proc}, {@code /sys/class/net}) and statvfs(3).
 * It replaces OSHI, whose JNA platform classes cost about 9 MB resident in an agent meant to stay
 * under 40 MB.
 *
 * <p>Only local file systems are reported: statvfs on a hung network mount blocks, and a collection
 * must never stall. Skipped are the network types in {@link #SKIPPED_FS_TYPES}, every FUSE file system
 * ({@code fuse} and {@code fuse.*}: a user-space daemon, often a network one like sshfs, answers
 * them; {@code fuseblk}, a local disk through ntfs-3g or the like, stays) and {@code autofs} (statvfs
 * on its trigger would mount what is behind it). Pseudo file systems are reported; the
 * {@link DiskCollector} drops them by the operator's type list.
 *
 * <p>Space and inodes come from statvfs, asked for all mounts at once through {@link StatCommand}.
 * Where that cannot answer for a mount, space comes from {@link File} (the JDK's own statvfs) and
 * inodes are reported as 0, which the disk collector takes as unknown.
 *
 * <p>A file that cannot be read gives what the interface calls unavailable: negative load averages,
 * a negative uptime, no file systems, no interfaces. CPU ticks and memory have no such value (zeros
 * would be reported as a real idle, empty machine), so they throw and the collector's failure travels
 * in the report.
 */
public final class ProcSystemSource implements SystemSource {

    /** Network file systems (statvfs on one whose server is gone blocks), autofs triggers and untyped FUSE. */
    static final Set<String> SKIPPED_FS_TYPES = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs",
            "ceph", "glusterfs", "9p", "lustre", "gfs2", "ocfs2", "davfs", "sshfs", "autofs", "fuse");

    /** ARPHRD_LOOPBACK in /sys/class/net/NAME/type. */
    private static final String LOOPBACK_TYPE = "772";
    private static final long KIB = 1024;

    /** statvfs(3) of several paths. */
    @FunctionalInterface
    interface StatVfs {
        /**
         * Per path, the fields f_bsize, f_frsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree (and maybe
         * more) in this order; a path that could not be read is left out.
         */
        Map<String, long[]> statvfs(List<String> paths);
    }

    private final Path root;
    private final StatVfs statvfs;
    /** Loopback or not, per interface name: the /sys file is read once per name. */
    private final Map<String, Boolean> loopbackByName = new ConcurrentHashMap<>();

    public ProcSystemSource() {
        this(Path.of("/"));
    }

    /** Reads {@code proc/...} and {@code sys/...} under {@code root}; statvfs still goes to the real mountpoints. */
    public ProcSystemSource(Path root) {
        this(root, new StatCommand(CommandRunner.SYSTEM));
    }

    ProcSystemSource(Path root, StatVfs statvfs) {
        this.root = root;
        this.statvfs = statvfs;
    }

    @Override
    public long[] cpuTicks() {
        // Only the first line matters, and /proc/stat grows with the CPU and interrupt count: stop there.
        try (BufferedReader in = reader("proc/stat")) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("cpu ")) {
                    long[] ticks = ticks(line);
                    if (ticks != null) {
                        return ticks;
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + root.resolve("proc/stat") + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no readable cpu line in " + root.resolve("proc/stat"));
    }

    /** user, nice, system, idle, iowait, irq, softirq, steal; fields older kernels lack are 0. Null if malformed. */
    static long[] ticks(String cpuLine) {
        String[] fields = fields(cpuLine.trim());
        long[] ticks = new long[8];
        try {
            for (int i = 0; i < ticks.length && i + 1 < fields.length; i++) {
                ticks[i] = Long.parseLong(fields[i + 1]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return ticks;
    }

    /**
     * The text split at runs of blanks (the characters regex's \s matches), for text with none at
     * either end; as {@code text.split("\\s+")}, an empty text gives one empty field. Not a regex:
     * every collection splits some 50 lines, and a Pattern's matching costs CPU and keeps its classes
     * and compiled code resident.
     */
    static String[] fields(String text) {
        List<String> fields = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (isBlank(text.charAt(i))) {
                if (start >= 0) {
                    fields.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0 || text.isEmpty()) {
            fields.add(text.substring(Math.max(start, 0)));
        }
        return fields.toArray(new String[0]);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r';
    }

    @Override
    public MemoryReading memory() {
        Map<String, Long> info = meminfo();
        Long total = info.get("MemTotal");
        if (total == null) {
            throw new IllegalStateException("no MemTotal in " + root.resolve("proc/meminfo"));
        }
        Long available = info.get("MemAvailable");
        if (available == null) {
            // Kernels before 3.14 have no MemAvailable; free's old estimate stands in.
            available = info.getOrDefault("MemFree", 0L) + info.getOrDefault("Buffers", 0L)
                    + info.getOrDefault("Cached", 0L);
        }
        return new MemoryReading(total, available);
    }

    @Override
    public SwapReading swap() {
        Map<String, Long> info = meminfo();
        if (info.isEmpty()) {
            throw new IllegalStateException("cannot read " + root.resolve("proc/meminfo"));
        }
        long total = info.getOrDefault("SwapTotal", 0L);
        return new SwapReading(total, total - info.getOrDefault("SwapFree", total));
    }

    /** "Key:   1234 kB" lines, in bytes; malformed lines are skipped. */
    private Map<String, Long> meminfo() {
        Map<String, Long> info = new HashMap<>();
        for (String line : lines("proc/meminfo")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] value = fields(line.substring(colon + 1).trim());
            try {
                long number = Long.parseLong(value[0]);
                info.put(line.substring(0, colon), value.length > 1 && value[1].equals("kB") ? number * KIB : number);
            } catch (NumberFormatException e) {
                // a line we cannot read is skipped; the keys we need are checked by their users
            }
        }
        return info;
    }

    @Override
    public List<FileSystemReading> fileSystems() {
        // A path mounted over keeps its first place but takes its last (visible) type: that is the file
        // system statvfs reaches there, and a network mount on top must be skipped, not statted.
        Map<String, String> typeByMountpoint = new LinkedHashMap<>();
        for (String line : lines("proc/self/mounts")) {
            String[] fields = line.split(" ");
            if (fields.length >= 3 && !fields[1].isEmpty() && !fields[2].isEmpty()) {
                typeByMountpoint.put(unescape(fields[1]), fields[2]);
            }
        }
        typeByMountpoint.values().removeIf(ProcSystemSource::isSkipped);
        Map<String, long[]> stats = statvfs.statvfs(new ArrayList<>(typeByMountpoint.keySet()));
        List<FileSystemReading> readings = new ArrayList<>();
        for (Map.Entry<String, String> mount : typeByMountpoint.entrySet()) {
            readings.add(reading(mount.getKey(), mount.getValue(), stats.get(mount.getKey())));
        }
        return readings;
    }

    static boolean isSkipped(String type) {
        return SKIPPED_FS_TYPES.contains(type) || type.startsWith("fuse.");
    }

    private static FileSystemReading reading(String mountpoint, String type, long[] vfs) {
        if (vfs == null) {
            // java.io.File rather than FileStore: finding a path's FileStore re-reads the mount table.
            File file = new File(mountpoint);
            return new FileSystemReading(mountpoint, type, file.getTotalSpace(), file.getFreeSpace(),
                    file.getUsableSpace(), 0, 0);
        }
        long unit = vfs[1] > 0 ? vfs[1] : vfs[0];
        return new FileSystemReading(mountpoint, type, bytes(vfs[2], unit), bytes(vfs[3], unit), bytes(vfs[4], unit),
                Math.max(0, vfs[5]), Math.max(0, vfs[6]));
    }

    /** statvfs's counts are unsigned: one past Long.MAX_VALUE, or a product past it, saturates. */
    private static long bytes(long blocks, long unit) {
        if (blocks < 0) {
            return Long.MAX_VALUE;
        }
        try {
            return Math.multiplyExact(blocks, unit);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The kernel writes space, tab, newline and backslash in a mountpoint as \040, \011, \012 and \134. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder path = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && isOctal(field.charAt(i + 1)) && isOctal(field.charAt(i + 2))
                    && isOctal(field.charAt(i + 3))) {
                path.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                path.append(c);
            }
        }
        return path.toString();
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    @Override
    public double[] loadAverage() {
        double[] unavailable = {-1, -1, -1};
        List<String> lines = lines("proc/loadavg");
        if (lines.isEmpty()) {
            return unavailable;
        }
        String[] fields = fields(lines.get(0).trim());
        if (fields.length < 3) {
            return unavailable;
        }
        try {
            return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2])};
        } catch (NumberFormatException e) {
            return unavailable;
        }
    }

    /** Whole seconds since boot; -1 when unavailable. */
    @Override
    public long uptimeSeconds() {
        List<String> lines = lines("proc/uptime");
        if (lines.isEmpty()) {
            return -1;
        }
        String seconds = fields(lines.get(0).trim())[0];
        int dot = seconds.indexOf('.');
        try {
            return Long.parseLong(dot < 0 ? seconds : seconds.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public List<InterfaceReading> networkInterfaces() {
        List<InterfaceReading> readings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String line : lines("proc/net/dev")) {
            // "  eth0: 1234 5 0 ..." after two header lines without a colon; names never hold one.
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] counters = fields(line.substring(colon + 1).trim());
            if (name.isEmpty() || counters.length < 9) {
                continue;
            }
            try {
                readings.add(new InterfaceReading(name, Long.parseLong(counters[0]), Long.parseLong(counters[8]),
                        isLoopback(name)));
                names.add(name);
            } catch (NumberFormatException e) {
                // a malformed line is skipped
            }
        }
        // Interfaces come and go (a container's veth): forget those that went, so the cache stays small.
        loopbackByName.keySet().retainAll(names);
        return readings;
    }

    private boolean isLoopback(String name) {
        if (name.equals("lo")) {
            return true;
        }
        Boolean known = loopbackByName.get(name);
        if (known == null) {
            List<String> type = lines("sys/class/net/" + name + "/type");
            known = !type.isEmpty() && type.get(0).trim().equals(LOOPBACK_TYPE);
            loopbackByName.put(name, known);
        }
        return known;
    }

    /** The file's lines; none if it cannot be read (the callers say what that means). */
    private List<String> lines(String relative) {
        try (BufferedReader in = reader(relative)) {
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** UTF-8, decoded leniently: a mountpoint may hold any bytes, and one odd path must not hide the others. */
    private BufferedReader reader(String relative) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(root.resolve(relative)),
                StandardCharsets.UTF_8));
    }
}
