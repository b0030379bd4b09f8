package io.healthmon.agent.spool;

import io.healthmon.agent.json.ReportReader;
import io.healthmon.agent.json.ReportWriter;
import io.healthmon.report.MetricsReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports on disk, oldest first. A file's name is its report's timestamp (milliseconds, zero-padded)
 * and a sequence number, so the directory listing sorted by name is the order of collection.
 * Safe for the collecting thread and the sending thread at once: each operation holds the spool's
 * lock, which is never held while a report is on the network.
 */
public final class Spool {

    static final String SUFFIX = ".json";
    static final String REJECTED = "rejected";
    /** How many rejected reports are kept for the operator to look at. */
    static final int MAX_REJECTED = 100;

    private final Path directory;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    /**
     * The report added last, kept so that sending it right after does not read and parse its file
     * again: that is the common case, every interval, and the parse cost CPU and resident memory.
     */
    private Entry lastAdded;

    public Spool(Path directory, long maxBytes, Duration maxAge, Clock clock) throws IOException {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.clock = clock;
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        for (Path leftover : list("*.tmp")) {
            Files.deleteIfExists(leftover); // a write that a crash interrupted: its report was never acknowledged as stored
        }
    }

    /** One spooled report and the file that holds it. */
    public record Entry(Path file, MetricsReport report) {
    }

    /** Writes the report durably; returns its file. */
    public synchronized Path add(MetricsReport report) throws IOException {
        String name = zeroPadded(report.timestamp().toEpochMilli(), 15) + "-"
                + zeroPadded(sequence.incrementAndGet() % 1_000_000_000, 9);
        Path tmp = directory.resolve(name + ".tmp");
        Path file = directory.resolve(name + SUFFIX);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(ReportWriter.json(report)));
            channel.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file);
        }
        lastAdded = new Entry(file, report);
        return file;
    }

    /** Up to {@code limit} reports, oldest first; unreadable files are set aside as rejected. */
    public synchronized List<Entry> oldest(int limit) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path file : sortedFiles()) {
            if (entries.size() == limit) {
                break;
            }
            if (lastAdded != null && lastAdded.file().equals(file)) {
                entries.add(lastAdded);
                continue;
            }
            try {
                entries.add(new Entry(file, ReportReader.read(Files.readString(file))));
            } catch (NoSuchFileException e) {
                // removed meanwhile
            } catch (IOException e) {
                io.healthmon.agent.cli.Log.warn("spool file " + file.getFileName() + " is unreadable (" + e.getMessage()
                        + "); moved to " + REJECTED + "/");
                reject(List.of(file));
            }
        }
        return entries;
    }

    public synchronized void remove(List<Path> files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    /** Moves reports the server will never accept out of the queue, keeping the newest few for inspection. */
    public synchronized void reject(List<Path> files) throws IOException {
        Path rejected = directory.resolve(REJECTED);
        Files.createDirectories(rejected);
        for (Path file : files) {
            if (Files.exists(file)) {
                Files.move(file, rejected.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<Path> kept = sorted(rejected, "*" + SUFFIX);
        for (int i = 0; i < kept.size() - MAX_REJECTED; i++) {
            Files.deleteIfExists(kept.get(i));
        }
    }

    public synchronized int size() throws IOException {
        return sortedFiles().size();
    }

    /**
     * Drops reports older than the age limit, then the oldest until the total fits the size limit.
     * Returns how many were dropped, so the caller can log it.
     */
    public synchronized int enforceLimits() throws IOException {
        int dropped = 0;
        Instant oldestKept = clock.instant().minus(maxAge);
        List<Path> files = sortedFiles();
        long total = 0;
        for (Path file : files) {
            total += sizeOf(file);
        }
        for (Path file : files) {
            boolean tooOld = timestampOf(file).isBefore(oldestKept);
            if (!tooOld && total <= maxBytes) {
                break;
            }
            total -= sizeOf(file);
            Files.deleteIfExists(file);
            dropped++;
        }
        return dropped;
    }

    /**
     * A non-negative number in at least {@code width} digits. Not String.format: its Formatter loads
     * the locale data (some 100 classes) into an agent that needs none of it.
     */
    static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static Instant timestampOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Instant.ofEpochMilli(Long.parseLong(name.substring(0, name.indexOf('-'))));
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private List<Path> sortedFiles() throws IOException {
        return sorted(directory, "*" + SUFFIX);
    }

    private List<Path> list(String glob) throws IOException {
        return sorted(directory, glob);
    }

    private static List<Path> sorted(Path dir, String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            for (Path file : stream) {
                files.add(file);
            }
        }
        files.sort(null);
        return files;
    }
}
