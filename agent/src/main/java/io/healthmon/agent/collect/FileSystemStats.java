package io.healthmon.agent.collect;

/** Space and inodes of the file system a path is on; a seam so tests can answer for paths this machine lacks. */
@FunctionalInterface
interface FileSystemStats {

    /** Bytes: total, free (to root) and usable (to others); inodes total and free. */
    record Space(long total, long free, long usable, long inodesTotal, long inodesFree) {
    }

    /** The figures, or null when the path cannot be asked. */
    Space of(String path);
}
