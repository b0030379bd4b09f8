package io.healthmon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CPU split the benchmark prints: per part and per report, and this process found in /proc. */
class ProcessCpuTest {

    @Test
    void dividesEachPartsTicksByTheMeasuredTimeAndTheReports() {
        ProcessCpu.Snapshot from = new ProcessCpu.Snapshot(ticks(1_000, 500, 10, 7), ticks(100, 50, 1, 0), 2_000, 10_000);
        // 30 s measured on 2 cores: 6,000 ticks in all, 5,400 busy.
        ProcessCpu.Snapshot to = new ProcessCpu.Snapshot(ticks(4_900, 2_500, 610, 37), ticks(1_300, 650, 61, 3), 7_400, 16_000);

        List<String> lines = ProcessCpu.describe(from, to, 30, 60_000);

        // Payara: 3,900 ticks = 39 s of CPU over 30 s = 1.30 cores, 1,200 of them in the kernel;
        // 39 s / 60,000 reports = 0.65 ms.
        assertEquals("cpu Payara Micro    1.30 cores (0.40 in the kernel), 0.650 ms per report", lines.get(0));
        assertEquals("cpu PostgreSQL      0.67 cores (0.20 in the kernel), 0.333 ms per report", lines.get(1));
        assertEquals("cpu load generator  0.20 cores (0.02 in the kernel), 0.100 ms per report", lines.get(2));
        assertEquals("cpu other processes 0.01 cores (0.00 in the kernel), 0.005 ms per report", lines.get(3));
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(String.format(Locale.ROOT, "cpu machine         %.2f of %d cores busy", 0.9 * cores, cores), lines.get(4));
    }

    @Test
    void findsThisProcessAmongTheLoadGeneratorsParts() throws InterruptedException {
        ProcessCpu.Snapshot before = ProcessCpu.take().orElseThrow();
        long spinUntil = System.nanoTime() + 300_000_000L;
        long sink = 0;
        while (System.nanoTime() < spinUntil) {
            sink += System.nanoTime() % 7;
        }
        ProcessCpu.Snapshot after = ProcessCpu.take().orElseThrow();

        long used = after.ticksByPart().get(ProcessCpu.BENCH) - before.ticksByPart().get(ProcessCpu.BENCH);
        assertTrue(used >= 10, "0.3 s of spinning should show as at least 10 ticks of this process, was " + used
                + " (" + sink + ")");
        assertTrue(after.machineTotal() > before.machineTotal(), "the machine's clock ticks on");
    }

    private static Map<String, Long> ticks(long payara, long postgres, long bench, long other) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put(ProcessCpu.PAYARA, payara);
        ticks.put(ProcessCpu.POSTGRES, postgres);
        ticks.put(ProcessCpu.BENCH, bench);
        ticks.put(ProcessCpu.OTHER, other);
        return ticks;
    }
}
