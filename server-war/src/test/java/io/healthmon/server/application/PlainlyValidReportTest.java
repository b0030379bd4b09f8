package io.healthmon.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.healthmon.report.CollectionError;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.Limits;
import io.healthmon.report.LoadAverage;
import io.healthmon.report.Memory;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.NetworkInterfaceUsage;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The plain-code check must give Bean Validation's verdict on every report, at every boundary. */
class PlainlyValidReportTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private static final List<String> TEXTS = Arrays.asList(null, "", " ", "\t", "web-01", "a.b_c-d", "-a", ".x", " a",
            "ü", "a\u007f", "a\u0000", "line\nbreak", "x".repeat(64), "x".repeat(65), "x".repeat(128), "x".repeat(129),
            "x".repeat(256), "x".repeat(257), "x".repeat(1024), "x".repeat(1025), "y".repeat(1025) + "\u0000");
    private static final List<Long> LONGS = Arrays.asList(null, -1L, 0L, 1L, 10L, 11L, Long.MAX_VALUE, Long.MIN_VALUE);
    private static final List<Double> DOUBLES = Arrays.asList(null, -0.0, 0.0, -1e-300, 50.0, 100.0, 100.00000000000001,
            999_999.5, 1_000_000.0, 1_000_000.0000001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    @Test
    @DisplayName("Property 13: the quick check passes exactly the reports Bean Validation finds no fault in")
    void property13_sameVerdictAsBeanValidation() {
        int[] valid = {0};
        qt().withExamples(3000).forAll(reports()).checkAssert(report -> {
            boolean noViolation = VALIDATOR.validate(report).isEmpty();
            assertEquals(noViolation, PlainlyValidReport.test(report), () -> report + " " + VALIDATOR.validate(report));
            valid[0] += noViolation ? 1 : 0;
        });
        assertTrue(valid[0] > 100, "the generator must make valid reports too, made " + valid[0]);
    }

    private static Gen<String> text() {
        return Generate.pick(TEXTS);
    }

    /** Mostly well-formed values, so that one fault at a time is what a report usually has. */
    private static <T> Gen<T> mostly(T good, List<T> any) {
        return integers().between(0, 29).zip(Generate.pick(any), (dice, other) -> dice > 0 ? good : other);
    }

    private static Gen<Long> size() {
        return mostly(10L, LONGS);
    }

    private static Gen<Double> share() {
        return mostly(50.0, DOUBLES);
    }

    private static Gen<String> name(String good) {
        return mostly(good, TEXTS);
    }

    /** A list of 0 to 2 items; now and then one item over its limit, or a null element. */
    private static <T> Gen<List<T>> list(Gen<T> item, int max) {
        return integers().between(0, 40).zip(item, item, (shape, a, b) -> switch (shape) {
            case 0 -> null;
            case 1 -> List.of();
            case 2 -> new ArrayList<>(Collections.nCopies(max + 1, a));
            case 3 -> new ArrayList<>(Collections.nCopies(max, a));
            case 4 -> Arrays.asList(a, null);
            case 5, 6, 7 -> List.of(a);
            default -> List.of(a, b);
        });
    }

    private static <T> Gen<T> maybe(Gen<T> gen) {
        return integers().between(0, 4).zip(gen, (dice, value) -> dice == 0 ? null : value);
    }

    private static Gen<MetricsReport> reports() {
        Gen<Memory> memory = size().zip(size(), share(), Memory::new);
        Gen<LoadAverage> load = mostly(1.0, DOUBLES).zip(mostly(1.0, DOUBLES), mostly(1.0, DOUBLES), LoadAverage::new);
        Gen<DiskUsage> disk = name("/var").zip(size(), size(), share(), name("ext4"), (m, total, used, pct, fs) -> new Object[] {m, total, used, pct, fs})
                .zip(maybe(size()), maybe(size()), maybe(share()), (p, inodesTotal, inodesUsed, inodesPct) -> new DiskUsage(
                        (String) p[0], (Long) p[1], (Long) p[2], (Double) p[3], (String) p[4], inodesTotal, inodesUsed, inodesPct));
        Gen<FailedService> failed = name("nginx.service").zip(name("failed"), (n, s) -> new FailedService(n, s, Instant.EPOCH));
        Gen<NetworkInterfaceUsage> network = name("eth0").zip(size(), size(), NetworkInterfaceUsage::new);
        Gen<CollectionError> error = name("disks").zip(maybe(text()), CollectionError::new);
        Gen<Object[]> first = name("web-01").zip(mostly(Instant.EPOCH, Arrays.asList(Instant.EPOCH, null)), maybe(share()), maybe(memory), maybe(memory),
                (id, t, cpu, mem, swap) -> new Object[] {id, t, cpu, mem, swap});
        Gen<Object[]> second = maybe(load).zip(maybe(size()), list(disk, Limits.MAX_DISKS), list(failed, Limits.MAX_FAILED_SERVICES),
                list(network, Limits.MAX_INTERFACES), (l, uptime, disks, services, nics) -> new Object[] {l, uptime, disks, services, nics});
        return first.zip(second, list(error, Limits.MAX_COLLECTION_ERRORS), maybe(name("0.1.0")), (a, b, errors, version) ->
                new MetricsReport((String) a[0], (Instant) a[1], (Double) a[2], (Memory) a[3], cast(b[2]), (LoadAverage) b[0],
                        (Long) b[1], cast(b[3]), (Memory) a[4], cast(b[4]), version, errors));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object list) {
        return (List<T>) list;
    }
}
