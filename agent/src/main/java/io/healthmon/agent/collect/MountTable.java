package io.healthmon.agent.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local file systems mounted now, from {@code /proc/self/mounts}: mountpoint to type, in the
 * table's order. Read here rather than through OSHI's {@code FileSystem.getFileStores}, which cannot
 * keep the agent's rules: it calls statvfs on every mount it lists before a caller can filter (a FUSE
 * mount such as sshfs, whose daemon may hang, included: its network list is exact names, not
 * {@code fuse.*}), runs {@code lsblk} on every call (a process per collection), unescapes only spaces
 * in mountpoints, and gives a path mounted over the figures of what is on top under the type of what
 * is below.
 *
 * <p>Only local file systems are kept: statvfs on a hung network mount blocks, and a collection must
 * never stall. Skipped are the network types in {@link #SKIPPED_FS_TYPES}, every FUSE file system
 * ({@code fuse} and {@code fuse.*}: a user-space daemon, often a network one, answers them;
 * {@code fuseblk}, a local disk through ntfs-3g or the like, stays) and {@code autofs} (statvfs on its
 * trigger would mount what is behind it). Pseudo file systems stay; the {@link DiskCollector} drops
 * them by the operator's type list.
 */
final class MountTable {

    /** Network file systems (statvfs on one whose server is gone blocks), autofs triggers and untyped FUSE. */
    static final Set<String> SKIPPED_FS_TYPES = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs",
            "ceph", "glusterfs", "9p", "lustre", "gfs2", "ocfs2", "davfs", "sshfs", "autofs", "fuse");

    private final Path mounts;

    MountTable(Path mounts) {
        this.mounts = mounts;
    }

    /** Mountpoint to type; empty when the table cannot be read. Decoded leniently: a mountpoint may hold any bytes. */
    Map<String, String> localMounts() {
        try {
            return parse(new String(Files.readAllBytes(mounts), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /**
     * A path mounted over keeps its first place but takes its last (visible) type: that is the file
     * system statvfs reaches there, and a network mount on top must be skipped, not statted.
     */
    static Map<String, String> parse(String table) {
        Map<String, String> typeByMountpoint = new LinkedHashMap<>();
        for (String line : lines(table)) {
            String[] fields = line.split(" ");
            if (fields.length >= 3 && !fields[1].isEmpty() && !fields[2].isEmpty()) {
                typeByMountpoint.put(unescape(fields[1]), fields[2]);
            }
        }
        typeByMountpoint.values().removeIf(MountTable::isSkipped);
        return typeByMountpoint;
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    static boolean isSkipped(String type) {
        return SKIPPED_FS_TYPES.contains(type) || type.startsWith("fuse.");
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
}
