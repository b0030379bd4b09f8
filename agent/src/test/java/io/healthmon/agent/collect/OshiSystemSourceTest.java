package io.healthmon.agent.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.agent.collect.SystemSource.FileSystemReading;
import io.healthmon.report.CollectionError;
import io.healthmon.report.MetricsReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import oshi.SystemInfo;

/**
 * OSHI's readings held to the values the agent's own /proc readers gave for the same files (the
 * captured fixtures, OSHI pointed at them in a JVM of its own), and to this machine's /proc live.
 */
class OshiSystemSourceTest {

    private static final long KIB = 1024;
    private static final SystemInfo OSHI = new SystemInfo();

    private static Map<String, String> probe(String fixture) throws Exception {
        Path root = MountTableTest.fixture(fixture);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Doshi.util.proc.path=" + root.resolve("proc"), "-Doshi.util.sys.path=" + root.resolve("sys"),
                OshiFixtureProbe.class.getName(), root.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe ended");
        assertEquals(0, process.exitValue(), output);
        Map<String, String> lines = new HashMap<>();
        for (String line : output.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                lines.put(line.substring(0, space), line.substring(space + 1).trim());
            }
        }
        return lines;
    }

    private static long[] numbers(String text) {
        String[] fields = text.split(" ");
        long[] out = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = Long.parseLong(fields[i]);
        }
        return out;
    }

    @Test
    void onTheRealFixtureOshiReadsWhatTheProcReadersRead() throws Exception {
        Map<String, String> oshi = probe("real");
        // The /proc readers' ticks; OSHI gives milliseconds (ticks * 1000 / USER_HZ), the same shares.
        long[] expected = {14664, 0, 3499, 181673, 359, 0, 62, 85};
        long[] ticks = numbers(oshi.get("ticks"));
        assertEquals(8, ticks.length, oshi.get("ticks"));
        for (int i = 0; i < 8; i++) {
            assertEquals(expected[i] * ticks[3], ticks[i] * expected[3], "tick " + i + " of " + oshi.get("ticks"));
        }
        assertArrayEquals(new long[] {24683584 * KIB, 24141668 * KIB}, numbers(oshi.get("memory")));
        assertArrayEquals(new long[] {0, 0}, numbers(oshi.get("swap")));
        assertEquals("1005", oshi.get("uptime"));
    }

    @Test
    void withoutMemAvailableOshiEstimatesFromFreeAndReclaimableMemory() throws Exception {
        Map<String, String> oshi = probe("edge");
        // OSHI reads only the first line of /proc/stat (the kernel writes "cpu" there); this one's is not,
        // and the failure is the CPU collector's, recorded in the report.
        assertTrue(oshi.get("ticks").startsWith("error:"), oshi.get("ticks"));
        // The /proc readers took MemFree + Buffers + Cached (free's estimate before kernel 3.14); OSHI takes
        // MemFree + Active(file) + Inactive(file) + SReclaimable, of which this file has only MemFree.
        assertArrayEquals(new long[] {2_048_000 * KIB, 512_000 * KIB}, numbers(oshi.get("memory")));
        assertArrayEquals(new long[] {1_048_576 * KIB, (1_048_576 - 786_432) * KIB}, numbers(oshi.get("swap")));
        assertEquals("12345", oshi.get("uptime"));
    }

    @Test
    void fileSystemsAreTheTablesLocalMountsWithTheirStatvfsFigures() throws Exception {
        List<String> statted = new ArrayList<>();
        OshiSystemSource source = new OshiSystemSource(OSHI, MountTableTest.fixture("edge"), path -> {
            statted.add(path);
            return switch (path) {
                case "/" -> new FileSystemStats.Space(4_096_000, 1_638_400, 1_433_600, 100, 60);
                case "/srv/my data" -> new FileSystemStats.Space(10_240, 5_120, 4_096, 0, 0);
                default -> null;
            };
        });
        List<FileSystemReading> readings = source.fileSystems(Set.of("tmpfs"));
        List<String> expected = List.of("/", "/proc", "/srv/my data", "/mnt/tab\tand\\back\n", "/mnt/ntfs");
        assertEquals(expected, readings.stream().map(FileSystemReading::mountpoint).toList());
        assertEquals(expected, statted, "nfs4, cifs, fuse.sshfs, autofs, the nfs mounted over /data and the skipped"
                + " type (tmpfs on /run) are never statted");
        assertEquals(new FileSystemReading("/", "ext4", 4_096_000, 1_638_400, 1_433_600, 100, 60), readings.get(0));
        assertEquals(new FileSystemReading("/srv/my data", "ext4", 10_240, 5_120, 4_096, 0, 0), readings.get(2));
        // statvfs failed on a path that does not exist here: java.io.File finds nothing either.
        assertEquals(new FileSystemReading("/mnt/ntfs", "fuseblk", 0, 0, 0, 0, 0), readings.get(4));
        // ... and on one that exists, the JDK's figures stand in, inodes unknown.
        assertEquals(new FileSystemReading("/proc", "proc", new File("/proc").getTotalSpace(),
                new File("/proc").getFreeSpace(), new File("/proc").getUsableSpace(), 0, 0), readings.get(1));
    }

    @Test
    void oshiFailingAtFirstUseIsThatCollectorsFailureInTheReport() throws Exception {
        SystemInfo broken = new SystemInfo() {
            @Override
            public oshi.hardware.HardwareAbstractionLayer getHardware() {
                throw new UnsatisfiedLinkError("Unable to load library 'jnidispatch'");
            }
        };
        OshiSystemSource source = new OshiSystemSource(broken, MountTableTest.fixture("real"), path -> null);
        MetricsReport report = new CollectorRunner(List.of(new CpuCollector(source, millis -> { }, 0),
                new MemoryCollector(source), new UptimeCollector(source), new NetworkCollector(source)),
                Clock.systemUTC(), "h", "t").collect();
        assertEquals(List.of("cpu", "memory"), report.collectionErrors().stream().map(CollectionError::collector).toList());
        assertTrue(report.collectionErrors().get(0).message().contains("jnidispatch"), report.collectionErrors().toString());
        assertTrue(report.uptime() > 0, "the operating system's figures still come");
        assertEquals(3, report.network().size(), "and the agent's own readings");
    }

    @Test
    void statvfsCountsPastLongMaxSaturate() {
        assertEquals(Long.MAX_VALUE, Statvfs.bytes(-1, 4096));
        assertEquals(Long.MAX_VALUE, Statvfs.bytes(Long.MAX_VALUE / 2, 4096));
        assertEquals(40_960, Statvfs.bytes(10, 4096));
    }

    // --- this machine -----------------------------------------------------------------------------

    @Test
    @EnabledOnOs(OS.LINUX)
    void statvfsAgreesWithTheJdkAndCountsInodes() throws IOException {
        FileSystemStats.Space root = new Statvfs().of("/");
        assertEquals(new File("/").getTotalSpace(), root.total());
        assertTrue(root.free() <= root.total() && root.usable() <= root.free());
        String type = MountTable.parse(Files.readString(Path.of("/proc/self/mounts"))).get("/");
        if (Set.of("ext4", "xfs", "overlay").contains(type)) {
            assertTrue(root.inodesTotal() > 0 && root.inodesFree() <= root.inodesTotal(), root.toString());
        }
        assertEquals(null, new Statvfs().of("/no/such/path"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void liveOshiAgreesWithThisMachinesProcFiles() throws IOException {
        OshiSystemSource source = new OshiSystemSource();
        Map<String, Long> meminfo = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            String[] fields = line.split("\\s+");
            meminfo.put(fields[0], Long.parseLong(fields[1]) * (fields.length > 2 ? KIB : 1));
        }
        SystemSource.MemoryReading memory = source.memory();
        assertEquals(meminfo.get("MemTotal:"), memory.total());
        assertTrue(Math.abs(meminfo.get("MemAvailable:") - memory.available()) < memory.total() / 20,
                "available within 5 % of total: " + memory + " against " + meminfo.get("MemAvailable:"));
        assertEquals(meminfo.get("SwapTotal:"), source.swap().total());

        String[] loadavg = Files.readString(Path.of("/proc/loadavg")).split(" ");
        double[] load = source.loadAverage();
        for (int i = 0; i < 3; i++) {
            assertEquals(Double.parseDouble(loadavg[i]), load[i], 1.0, "load " + i);
        }
        double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        assertEquals(uptime, source.uptimeSeconds(), 5.0);

        long[] before = source.cpuTicks();
        long[] after = source.cpuTicks();
        assertEquals(8, before.length);
        for (int i = 0; i < 8; i++) {
            assertTrue(after[i] >= before[i], "tick counter " + i + " went backwards");
        }
    }
}
