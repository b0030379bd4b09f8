package io.healthmon.agent.collect;

import com.sun.jna.LastErrorException;
import com.sun.jna.platform.linux.LibC;

/**
 * statvfs(3) through JNA's binding of the C library, the call OSHI's {@code LinuxFileSystemJNA} makes
 * for its file stores; asked here path by path because OSHI's own refresh of a store lists every mount
 * again and runs {@code lsblk} (see {@link MountTable}). In process: no {@code stat -f} per collection.
 */
final class Statvfs implements FileSystemStats {

    @Override
    public Space of(String path) {
        LibC.Statvfs vfs = new LibC.Statvfs();
        try {
            if (LibC.INSTANCE.statvfs(path, vfs) != 0) {
                return null;
            }
        } catch (LastErrorException | LinkageError e) {
            return null; // JNA unusable here: the JDK's figures stand in, inodes unknown
        }
        long unit = vfs.f_frsize.longValue() > 0 ? vfs.f_frsize.longValue() : vfs.f_bsize.longValue();
        return new Space(bytes(vfs.f_blocks.longValue(), unit), bytes(vfs.f_bfree.longValue(), unit),
                bytes(vfs.f_bavail.longValue(), unit), Math.max(0, vfs.f_files.longValue()),
                Math.max(0, vfs.f_ffree.longValue()));
    }

    /** statvfs's counts are unsigned: one past Long.MAX_VALUE, or a product past it, saturates. */
    static long bytes(long blocks, long unit) {
        if (blocks < 0) {
            return Long.MAX_VALUE;
        }
        try {
            return Math.multiplyExact(blocks, unit);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
