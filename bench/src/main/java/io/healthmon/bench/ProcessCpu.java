package io.healthmon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used on this machine by the parts under test, read from /proc: Payara Micro, PostgreSQL,
 * this load generator, and everything else. Two snapshots, one at each end of the measured part, say
 * which of them the reports per second cost and where the machine's cores went. A server on another
 * machine simply does not appear.
 */
final class ProcessCpu {

    static final String PAYARA = "Payara Micro";
    static final String POSTGRES = "PostgreSQL";
    static final String BENCH = "load generator";
    static final String OTHER = "other processes";
    /** Linux reports /proc times in USER_HZ, which is 100 on every architecture it runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private static final Path PROC = Path.of("/proc");

    private ProcessCpu() {
    }

    /**
     * CPU ticks by part (user and kernel), of which in the kernel, and the machine's busy and total
     * ticks. Kernel time shows what handing requests between threads and sockets costs.
     */
    record Snapshot(Map<String, Long> ticksByPart, Map<String, Long> kernelTicksByPart, long machineBusy, long machineTotal) {
    }

    /** Waits until the {@link System#nanoTime()} instant given, then takes a snapshot. */
    static Optional<Snapshot> takeAt(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return take();
    }

    static Optional<Snapshot> take() {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return Optional.empty();
        }
        long self = ProcessHandle.current().pid();
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<String, Long> kernel = new LinkedHashMap<>();
        for (String part : List.of(PAYARA, POSTGRES, BENCH, OTHER)) {
            ticks.put(part, 0L);
            kernel.put(part, 0L);
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pid : pids) {
                read(pid, Long.parseLong(pid.getFileName().toString()) == self)
                        .ifPresent(used -> {
                            ticks.merge(used.part(), used.ticks(), Long::sum);
                            kernel.merge(used.part(), used.kernelTicks(), Long::sum);
                        });
            }
            long[] machine = machine();
            return Optional.of(new Snapshot(ticks, kernel, machine[0], machine[1]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private record Used(String part, long ticks, long kernelTicks) {
    }

    /** A process that ended between listing and reading is skipped. */
    private static Optional<Used> read(Path pid, boolean self) {
        try {
            String stat = Files.readString(pid.resolve("stat"), StandardCharsets.US_ASCII);
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14-17 of stat(5), here from index 11: utime, stime, and those of waited-for
            // children, so a PostgreSQL backend that exits still counts, in its postmaster.
            long kernelTicks = Long.parseLong(fields[12]) + Long.parseLong(fields[14]);
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[13]) + kernelTicks;
            String part;
            if (self) {
                part = BENCH;
            } else if (comm.equals("postgres")) {
                part = POSTGRES;
            } else if (new String(Files.readAllBytes(pid.resolve("cmdline")), StandardCharsets.UTF_8).contains("payara-micro")) {
                part = PAYARA;
            } else {
                part = OTHER;
            }
            return Optional.of(new Used(part, ticks, kernelTicks));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first line of /proc/stat: busy ticks (all but idle and iowait) and all ticks, all cores. */
    private static long[] machine() throws IOException {
        String[] cpu = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(cpu.length, 9); i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[] {total - idle, total};
    }

    /** Lines saying, per part, the cores it kept busy and its CPU time per report, then the machine's. */
    static List<String> describe(Snapshot from, Snapshot to, double seconds, long reports) {
        List<String> lines = new ArrayList<>();
        for (String part : from.ticksByPart().keySet()) {
            double cpuSeconds = (to.ticksByPart().get(part) - from.ticksByPart().get(part)) / TICKS_PER_SECOND;
            double kernelSeconds = (to.kernelTicksByPart().get(part) - from.kernelTicksByPart().get(part)) / TICKS_PER_SECOND;
            lines.add(String.format(Locale.ROOT, "cpu %-15s %.2f cores (%.2f in the kernel), %.3f ms per report",
                    part, cpuSeconds / seconds, kernelSeconds / seconds, reports == 0 ? 0 : cpuSeconds * 1000 / reports));
        }
        long total = to.machineTotal() - from.machineTotal();
        int cores = Runtime.getRuntime().availableProcessors();
        lines.add(String.format(Locale.ROOT, "cpu machine         %.2f of %d cores busy",
                total == 0 ? 0 : (double) (to.machineBusy() - from.machineBusy()) / total * cores, cores));
        return lines;
    }
}
