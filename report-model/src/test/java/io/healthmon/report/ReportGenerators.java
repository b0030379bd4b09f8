package io.healthmon.report;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators of valid reports, for the wire-format properties. */
final class ReportGenerators {

    private ReportGenerators() {
    }

    static Gen<Double> percent() {
        return doubles().between(0, 1000).map(d -> Math.round(d) / 10.0);
    }

    static Gen<Memory> memory() {
        return longs().between(0, 1L << 50).zip(doubles().between(0, 1), (total, share) -> {
            long used = (long) (total * share);
            return new Memory(total, used, total == 0 ? 0.0 : Math.round(1000.0 * used / total) / 10.0);
        });
    }

    static Gen<DiskUsage> disk() {
        return strings().basicLatinAlphabet().ofLengthBetween(0, 20).zip(memory(), (name, m) ->
                DiskUsage.of("/" + name, m.total(), m.used(), m.percentage()));
    }

    static Gen<FailedService> failedService() {
        return strings().basicLatinAlphabet().ofLengthBetween(1, 30).zip(instant(), Generate.booleans(),
                (name, since, known) -> new FailedService(name + ".service", "failed", known ? since : null));
    }

    static Gen<Instant> instant() {
        return longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
    }

    static Gen<MetricsReport> report() {
        Gen<LoadAverage> load = doubles().between(0, 64).zip(doubles().between(0, 64), doubles().between(0, 64),
                LoadAverage::new);
        Gen<List<FailedService>> failed = lists().of(failedService()).ofSizeBetween(0, 4);
        return strings().basicLatinAlphabet().ofLengthBetween(1, 20).zip(instant(), percent(), memory(),
                        lists().of(disk()).ofSizeBetween(0, 5),
                        (id, t, cpu, mem, disks) -> new Object[] {"h" + id.replaceAll("[^A-Za-z0-9]", ""), t, cpu, mem, disks})
                .zip(load, longs().between(0, 1L << 40), failed, integers().between(0, 2),
                        (parts, l, uptime, f, knownOrNot) -> {
                            @SuppressWarnings("unchecked")
                            List<DiskUsage> disks = (List<DiskUsage>) parts[4];
                            // null failed services: systemd could not be asked
                            return MetricsReport.of((String) parts[0], (Instant) parts[1], (Double) parts[2], (Memory) parts[3],
                                    disks, l, uptime, knownOrNot == 0 ? null : f);
                        });
    }
}
