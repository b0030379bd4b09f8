package io.healthmon.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTest {

    static Path fixture(String name) throws Exception {
        return Path.of(MountTableTest.class.getResource("/proc-fixtures/" + name).toURI());
    }

    private static List<String> mountpoints(String fixture) throws Exception {
        return List.copyOf(new MountTable(fixture(fixture).resolve("proc/self/mounts")).localMounts().keySet());
    }

    @Test
    void realMountsOnceEachInTheTablesOrder() throws Exception {
        assertEquals(List.of("/proc", "/sys", "/dev", "/dev/shm", "/dev/pts", "/", "/sys/fs/cgroup",
                "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpuacct", "/sys/fs/cgroup/cpuset", "/sys/fs/cgroup/memory",
                "/sys/fs/cgroup/devices", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup/blkio", "/sys/fs/cgroup/pids",
                "/sys/fs/cgroup/systemd", "/sys/fs/cgroup/unified"), mountpoints("real"));
    }

    @Test
    void unescapedAndWithoutRemoteFuseOrAutofsMounts() throws Exception {
        Map<String, String> mounts = new MountTable(fixture("edge").resolve("proc/self/mounts")).localMounts();
        assertEquals(List.of("/", "/proc", "/srv/my data", "/mnt/tab\tand\\back\n", "/mnt/ntfs", "/run"),
                List.copyOf(mounts.keySet()), "nfs4, cifs, fuse.sshfs, autofs and the nfs mounted over /data are left out");
        assertEquals("fuseblk", mounts.get("/mnt/ntfs"));
    }

    @Test
    void aPathMountedOverTakesTheTypeOnTop() {
        assertEquals(Map.of("/a", "xfs"), MountTable.parse("/dev/sda1 /a ext4 rw 0 0\n/dev/sdb1 /a xfs rw 0 0\n"));
        assertEquals(Map.of(), MountTable.parse("/dev/sda1 /a ext4 rw 0 0\nsrv:/x /a nfs rw 0 0\n"));
    }

    @Test
    void anUnreadableTableHasNoMounts(@TempDir Path empty) {
        assertEquals(Map.of(), new MountTable(empty.resolve("proc/self/mounts")).localMounts());
        assertEquals(Map.of(), MountTable.parse(""));
    }

    @Test
    void skippedTypes() {
        for (String type : List.of("nfs", "nfs4", "cifs", "smb3", "ceph", "9p", "autofs", "fuse", "fuse.sshfs",
                "fuse.mergerfs")) {
            assertTrue(MountTable.isSkipped(type), type);
        }
        for (String type : List.of("ext4", "xfs", "btrfs", "zfs", "overlay", "tmpfs", "fuseblk", "vfat")) {
            assertFalse(MountTable.isSkipped(type), type);
        }
    }

    @Test
    void unescapeLeavesWhatIsNotAnOctalEscape() {
        assertEquals("/a\\09b", MountTable.unescape("/a\\09b"));
        assertEquals("/end\\04", MountTable.unescape("/end\\04"));
        assertEquals("/a b\\", MountTable.unescape("/a\\040b\\134"));
    }

    @Test
    void unescapeUndoesTheKernelsEscaping() {
        qt().forAll(strings().betweenCodePoints(0x09, 0x7e).ofLengthBetween(0, 40))
                .check(path -> MountTable.unescape(kernelEscape(path)).equals(path));
    }

    /** fs/proc_namespace.c mangles mountpoints with seq_escape(m, path, " \t\n\\"). */
    private static String kernelEscape(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            out.append(" \t\n\\".indexOf(c) >= 0 ? String.format("\\%03o", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
