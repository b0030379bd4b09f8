package io.healthmon.agent.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.healthmon.agent.collect.SystemSource.FileSystemReading;
import io.healthmon.agent.collect.SystemSource.InterfaceReading;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProcSystemSourceTest {

    private static final long KIB = 1024;

    /** statvfs(3) fields: bsize, frsize, blocks, bfree, bavail, files, ffree, favail, fsid, flag, namemax. */
    private static long[] vfs(long bsize, long frsize, long blocks, long bfree, long bavail, long files, long ffree) {
        return new long[] {bsize, frsize, blocks, bfree, bavail, files, ffree, ffree, 0, 0, 255, 0, 0, 0, 0, 0};
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ProcSystemSourceTest.class.getResource("/proc-fixtures/" + name).toURI());
    }

    /** A source over a fixture, asking {@code statvfs} path by path (null: that path cannot be read). */
    private static ProcSystemSource source(String fixture, Function<String, long[]> statvfs) throws URISyntaxException {
        return new ProcSystemSource(fixture(fixture), paths -> {
            Map<String, long[]> answers = new HashMap<>();
            for (String path : paths) {
                long[] answer = statvfs.apply(path);
                if (answer != null) {
                    answers.put(path, answer);
                }
            }
            return answers;
        });
    }

    private static List<String> mountpoints(List<FileSystemReading> readings) {
        return readings.stream().map(FileSystemReading::mountpoint).toList();
    }

    @Test
    void fieldsSplitAsTheBlanksRegexDid() {
        for (String text : List.of("", "cpu  1 2\t3", "a", "1 kB", "x\u000B\fy\r\nz", "MemTotal:    24683584 kB")) {
            String trimmed = text.trim();
            assertArrayEquals(trimmed.split("\\s+"), ProcSystemSource.fields(trimmed), text);
        }
    }

    // --- captured from a real machine -------------------------------------------------------------

    @Test
    void realCpuLineGivesTheFirstEightCounters() throws Exception {
        assertArrayEquals(new long[] {14664, 0, 3499, 181673, 359, 0, 62, 85}, source("real", p -> null).cpuTicks());
    }

    @Test
    void realMeminfoInBytes() throws Exception {
        ProcSystemSource source = source("real", p -> null);
        assertEquals(new SystemSource.MemoryReading(24683584 * KIB, 24141668 * KIB), source.memory());
        assertEquals(new SystemSource.SwapReading(0, 0), source.swap());
    }

    @Test
    void realLoadAndUptime() throws Exception {
        ProcSystemSource source = source("real", p -> null);
        assertArrayEquals(new double[] {0.81, 0.37, 0.18}, source.loadAverage());
        assertEquals(1005, source.uptimeSeconds());
    }

    @Test
    void realNetDevWithLoopbackByName() throws Exception {
        assertEquals(List.of(new InterfaceReading("lo", 503959, 503959, true),
                        new InterfaceReading("ifb0", 0, 0, false),
                        new InterfaceReading("ifb1", 0, 0, false),
                        new InterfaceReading("eth0", 485296558, 827647, false)),
                source("real", p -> null).networkInterfaces());
    }

    @Test
    void realMountsOnceEachInFirstOrderWithStatvfsSizes() throws Exception {
        List<String> statted = new ArrayList<>();
        ProcSystemSource source = source("real", path -> {
            statted.add(path);
            return path.equals("/") ? vfs(4096, 4096, 1000, 400, 350, 100, 60) : vfs(4096, 4096, 0, 0, 0, 0, 0);
        });
        List<FileSystemReading> readings = source.fileSystems();
        List<String> expected = List.of("/proc", "/sys", "/dev", "/dev/shm", "/dev/pts", "/", "/sys/fs/cgroup",
                "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpuacct", "/sys/fs/cgroup/cpuset", "/sys/fs/cgroup/memory",
                "/sys/fs/cgroup/devices", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup/blkio", "/sys/fs/cgroup/pids",
                "/sys/fs/cgroup/systemd", "/sys/fs/cgroup/unified");
        assertEquals(expected, mountpoints(readings));
        assertEquals(expected, statted);
        assertEquals(new FileSystemReading("/", "ext4", 4_096_000, 1_638_400, 1_433_600, 100, 60), readings.get(5));
    }

    // --- crafted edge cases -----------------------------------------------------------------------

    @Test
    void malformedCpuLineSkippedAndMissingStealIsZero() throws Exception {
        assertArrayEquals(new long[] {100, 2, 30, 400, 5, 6, 7, 0}, source("edge", p -> null).cpuTicks());
    }

    @Test
    void withoutMemAvailableFreeBuffersAndCachedStandIn() throws Exception {
        ProcSystemSource source = source("edge", p -> null);
        assertEquals(new SystemSource.MemoryReading(2_048_000 * KIB, (512_000 + 64_000 + 256_000) * KIB), source.memory());
        assertEquals(new SystemSource.SwapReading(1_048_576 * KIB, (1_048_576 - 786_432) * KIB), source.swap());
    }

    @Test
    void malformedLoadAverageIsUnavailableAndWholeUptimeParses() throws Exception {
        ProcSystemSource source = source("edge", p -> null);
        assertArrayEquals(new double[] {-1, -1, -1}, source.loadAverage());
        assertEquals(12345, source.uptimeSeconds());
    }

    @Test
    void mountsUnescapedAndNeverStattedWhenRemoteFuseOrAutofs() throws Exception {
        List<String> statted = new ArrayList<>();
        ProcSystemSource source = source("edge", path -> {
            statted.add(path);
            return switch (path) {
                case "/" -> vfs(4096, 4096, 1000, 400, 350, 100, 60);
                // f_frsize 0 (seen on old kernels): sizes are in f_bsize units.
                case "/srv/my data" -> vfs(1024, 0, 10, 5, 4, 0, 0);
                // counts past Long.MAX_VALUE (unsigned) saturate rather than turn negative.
                case "/mnt/tab\tand\\back\n" -> vfs(4096, 4096, -1, Long.MAX_VALUE / 2, 1, -1, 3);
                default -> null;
            };
        });
        List<FileSystemReading> readings = source.fileSystems();
        List<String> expected = List.of("/", "/proc", "/srv/my data", "/mnt/tab\tand\\back\n", "/mnt/ntfs", "/run");
        assertEquals(expected, mountpoints(readings));
        assertEquals(expected, statted, "nfs4, cifs, fuse.sshfs, autofs and the nfs mounted over /data are never statted");
        assertEquals(new FileSystemReading("/srv/my data", "ext4", 10_240, 5_120, 4_096, 0, 0), readings.get(2));
        assertEquals(new FileSystemReading("/mnt/tab\tand\\back\n", "xfs", Long.MAX_VALUE, Long.MAX_VALUE, 4096, 0, 3),
                readings.get(3));
        // statvfs failed on a path that does not exist here: java.io.File finds nothing either.
        assertEquals(new FileSystemReading("/mnt/ntfs", "fuseblk", 0, 0, 0, 0, 0), readings.get(4));
    }

    @Test
    void withoutStatvfsSpaceComesFromJavaAndInodesAreUnknown() throws Exception {
        FileSystemReading root = source("real", p -> null).fileSystems().stream()
                .filter(r -> r.mountpoint().equals("/")).findFirst().orElseThrow();
        assertEquals(new File("/").getTotalSpace(), root.total());
        assertTrue(root.total() > 0);
        assertEquals(0, root.inodesTotal());
        assertEquals(0, root.inodesFree());
    }

    @Test
    void netDevSkipsMalformedLinesAndReadsLoopbackType() throws Exception {
        assertEquals(List.of(new InterfaceReading("lo", 100, 100, true),
                        new InterfaceReading("eth0", 1234, 5678, false),
                        new InterfaceReading("lo2", 7, 8, true),
                        new InterfaceReading("ens3", 11, 12, false)),
                source("edge", p -> null).networkInterfaces());
    }

    @Test
    void loopbackTypeReadOncePerInterfaceAndForgottenWhenItGoes(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("proc/net"));
        Files.createDirectories(root.resolve("sys/class/net/veth1"));
        Path dev = root.resolve("proc/net/dev");
        Path type = root.resolve("sys/class/net/veth1/type");
        String veth = "veth1: 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0\n";
        Files.writeString(dev, veth);
        Files.writeString(type, "772\n");
        ProcSystemSource source = new ProcSystemSource(root, p -> null);
        assertTrue(source.networkInterfaces().get(0).loopback());

        Files.writeString(type, "1\n");
        assertTrue(source.networkInterfaces().get(0).loopback(), "cached: the type file is not read again");

        Files.writeString(dev, "");
        assertEquals(List.of(), source.networkInterfaces());
        Files.writeString(dev, veth);
        assertFalse(source.networkInterfaces().get(0).loopback(), "a name that went and came back is read afresh");
    }

    @Test
    void missingFilesAreUnavailableOrFailTheCollector(@TempDir Path empty) {
        ProcSystemSource source = new ProcSystemSource(empty, p -> null);
        assertArrayEquals(new double[] {-1, -1, -1}, source.loadAverage());
        assertEquals(-1, source.uptimeSeconds());
        assertEquals(List.of(), source.fileSystems());
        assertEquals(List.of(), source.networkInterfaces());
        // No value of these means "unavailable"; zeros would pass for an idle, empty machine.
        assertTrue(assertThrows(IllegalStateException.class, source::cpuTicks).getMessage().contains("proc/stat"));
        assertTrue(assertThrows(IllegalStateException.class, source::memory).getMessage().contains("proc/meminfo"));
        assertThrows(IllegalStateException.class, source::swap);
    }

    @Test
    void skippedTypes() {
        for (String type : List.of("nfs", "nfs4", "cifs", "smb3", "ceph", "9p", "autofs", "fuse", "fuse.sshfs",
                "fuse.mergerfs")) {
            assertTrue(ProcSystemSource.isSkipped(type), type);
        }
        for (String type : List.of("ext4", "xfs", "btrfs", "zfs", "overlay", "tmpfs", "fuseblk", "vfat")) {
            assertFalse(ProcSystemSource.isSkipped(type), type);
        }
    }

    @Test
    void unescapeLeavesWhatIsNotAnOctalEscape() {
        assertEquals("/a\\09b", ProcSystemSource.unescape("/a\\09b"));
        assertEquals("/end\\04", ProcSystemSource.unescape("/end\\04"));
        assertEquals("/a b\\", ProcSystemSource.unescape("/a\\040b\\134"));
    }

    @Test
    void unescapeUndoesTheKernelsEscaping() {
        qt().forAll(strings().betweenCodePoints(0x09, 0x7e).ofLengthBetween(0, 40))
                .check(path -> ProcSystemSource.unescape(kernelEscape(path)).equals(path));
    }

    /** fs/proc_namespace.c mangles mountpoints with seq_escape(m, path, " \t\n\\"). */
    private static String kernelEscape(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            out.append(" \t\n\\".indexOf(c) >= 0 ? String.format("\\%03o", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    // --- this machine -----------------------------------------------------------------------------

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisMachine() {
        ProcSystemSource source = new ProcSystemSource();

        long[] before = source.cpuTicks();
        long[] after = source.cpuTicks();
        assertEquals(8, before.length);
        for (int i = 0; i < 8; i++) {
            assertTrue(after[i] >= before[i], "tick counter " + i + " went backwards");
        }

        SystemSource.MemoryReading memory = source.memory();
        assertTrue(memory.total() > 0);
        assertTrue(memory.available() > 0 && memory.available() <= memory.total());

        FileSystemReading root = source.fileSystems().stream().filter(r -> r.mountpoint().equals("/"))
                .findFirst().orElseThrow();
        assertTrue(root.total() > 0);
        // stat -f agrees with the JDK's own statvfs: its output is read right.
        assertEquals(new File("/").getTotalSpace(), root.total());
        assertTrue(root.free() <= root.total() && root.usable() <= root.free());
        if (Set.of("ext4", "xfs", "overlay").contains(root.type())) {
            assertTrue(root.inodesTotal() > 0, "inodes of " + root);
            assertTrue(root.inodesFree() <= root.inodesTotal());
        }

        double[] load = source.loadAverage();
        assertTrue(load[0] >= 0 && load[1] >= 0 && load[2] >= 0);
        assertTrue(source.uptimeSeconds() > 0);
        for (InterfaceReading n : source.networkInterfaces()) {
            assertTrue(n.bytesReceived() >= 0 && n.bytesSent() >= 0, n.toString());
            if (n.name().equals("lo")) {
                assertTrue(n.loopback());
            }
        }
    }
}
