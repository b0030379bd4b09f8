package io.healthmon.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import io.healthmon.report.DiskUsage;
import io.healthmon.report.LoadAverage;
import io.healthmon.report.Memory;
import io.healthmon.report.MetricsReport;
import jakarta.validation.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class ReportValidatorTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final ReportValidator validator = new ReportValidator();

    {
        validator.validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
    }

    private List<Violation> check(MetricsReport r) {
        return validator.check(r, NOW, Duration.ofMinutes(5), NOW.minus(Duration.ofDays(30)));
    }

    private static MetricsReport report(double cpu, Memory memory, List<DiskUsage> disks, Instant t) {
        return MetricsReport.of("web-01", t, cpu, memory, disks, new LoadAverage(1.0, 1.0, 1.0), 10L, List.of());
    }

    @Test
    @DisplayName("Property 13: values out of range, inconsistent sizes and unsafe names are rejected, naming the field")
    void property13_hostileValuesAreRejectedByName() {
        qt().withExamples(300)
                .forAll(doubles().between(-1e300, 1e300), longs().between(Long.MIN_VALUE, Long.MAX_VALUE),
                        Generate.pick(List.of("web-01", "'; drop table servers; --", "a b", "../etc", "\u0000x", "ü", "x".repeat(200))))
                .check((cpu, size, serverId) -> {
                    MetricsReport r = new MetricsReport(serverId, NOW, cpu, new Memory(size, 1L, 50.0),
                            List.of(DiskUsage.of("/", Math.max(0, size), Math.max(0, size) / 2, 50.0)), null, 1L, List.of(),
                            null, null, null, null);
                    List<String> fields = check(r).stream().map(Violation::field).toList();
                    boolean cpuBad = cpu < 0 || cpu > 100;
                    boolean sizeBad = size < 1; // total must be >= 0 and used (1) <= total
                    boolean idBad = !serverId.matches(io.healthmon.report.Limits.SERVER_ID_PATTERN);
                    return fields.contains("cpu_usage") == cpuBad
                            && (fields.contains("memory.total") || fields.contains("memory.used")) == sizeBad
                            && fields.contains("server_id") == idBad;
                });
    }

    @Test
    void namesNestedFieldsAsTheClientSpellsThem() {
        MetricsReport r = report(50, new Memory(10L, 20L, 200.0),
                List.of(DiskUsage.of("/", 100, 50, 50.0), DiskUsage.of("/var", 100, 50, 101.0)), NOW);
        List<String> fields = check(r).stream().map(Violation::field).toList();
        assertTrue(fields.contains("memory.used"), fields.toString());
        assertTrue(fields.contains("memory.percentage"), fields.toString());
        assertTrue(fields.contains("disk_usage[1].percentage"), fields.toString());
    }

    @Test
    void timestampsTooFarAheadOrBeyondRetentionAreRejected() {
        assertEquals("timestamp", check(report(1, null, List.of(), NOW.plus(Duration.ofMinutes(6)))).get(0).field());
        assertEquals("timestamp", check(report(1, null, List.of(), NOW.minus(Duration.ofDays(31)))).get(0).field());
        assertTrue(check(report(1, null, List.of(), NOW.plus(Duration.ofMinutes(4)))).isEmpty());
    }
}
