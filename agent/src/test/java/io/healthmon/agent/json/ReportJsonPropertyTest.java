package io.healthmon.agent.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.healthmon.report.CollectionError;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.LoadAverage;
import io.healthmon.report.Memory;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.NetworkInterfaceUsage;
import io.healthmon.report.ReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The agent writes and reads reports with Jackson's streaming layer; the server reads them with the
 * report model's annotated records through databind. These properties hold the two to one format.
 */
class ReportJsonPropertyTest {

    private static final ObjectMapper SERVER = ReportJson.newMapper();

    @Test
    @DisplayName("Property 3: a report the agent writes, the server's mapper reads back equal, and so does the agent's spool reader")
    void property3_agentJsonRoundTrips() {
        qt().withExamples(300).forAll(reports()).checkAssert(report -> {
            byte[] json = ReportWriter.json(report);
            try {
                assertEquals(report, SERVER.readValue(json, MetricsReport.class));
                assertEquals(report, ReportReader.read(new String(json, StandardCharsets.UTF_8)));
                assertEquals(report, ReportReader.read(SERVER.writeValueAsString(report)));
                assertEquals(report, ReportReader.read(new String(ReportWriter.pretty(report), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    @DisplayName("Property 3: a batch body is a JSON array of the reports in order, one report alone is an object")
    void property3_batchBodies() {
        qt().withExamples(50).forAll(lists().of(reports()).ofSizeBetween(1, 5)).checkAssert(batch -> {
            try {
                byte[] body = ReportWriter.body(batch);
                if (batch.size() == 1) {
                    assertEquals(batch.get(0), SERVER.readValue(body, MetricsReport.class));
                } else {
                    assertEquals(batch, SERVER.readValue(body,
                            TypeFactory.defaultInstance().constructCollectionType(List.class, MetricsReport.class)));
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void failedServicesAreWrittenEvenWhenUnknown() {
        MetricsReport unknown = MetricsReport.of("h", Instant.EPOCH, null, null, null, null, null, null);
        assertEquals("{\"server_id\":\"h\",\"timestamp\":\"1970-01-01T00:00:00Z\",\"failed_services\":null}",
                new String(ReportWriter.json(unknown), StandardCharsets.UTF_8));
    }

    @Test
    void malformedSpoolFilesAreRefusedNotGuessed() {
        assertThrows(IOException.class, () -> ReportReader.read("{\"server_id\":\"h\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"uptime\":1.5}"));
        assertThrows(IOException.class, () -> ReportReader.read("{\"server_id\":\"h\",\"timestamp\":\"yesterday\"}"));
        assertThrows(IOException.class, () -> ReportReader.read("[1, 2]"));
        assertThrows(IOException.class, () -> ReportReader.read("{\"server_id\":\"h\","));
        assertThrows(IOException.class, () -> ReportReader.read(""));
    }

    private static Gen<MetricsReport> reports() {
        Gen<Instant> instants = longs().between(0, 4_102_444_800L).zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
        Gen<String> texts = strings().allPossible().ofLengthBetween(0, 12);
        Gen<String> maybeText = Generate.booleans().zip(texts, (present, t) -> present ? t : null);
        Gen<Double> maybeDouble = Generate.booleans().zip(doubles().any(), (present, d) -> present && Double.isFinite(d) ? d : null);
        Gen<Long> maybeLong = Generate.booleans().zip(longs().all(), (present, l) -> present ? l : null);
        Gen<Memory> memory = Generate.booleans().zip(maybeLong, maybeLong, maybeDouble,
                (present, total, used, pct) -> present ? new Memory(total, used, pct) : null);
        Gen<DiskUsage> disk = maybeText.zip(maybeLong, maybeLong, maybeDouble, maybeText,
                (mount, total, used, pct, fs) -> new DiskUsage(mount, total, used, pct, fs, used, total, pct));
        Gen<FailedService> failed = texts.zip(maybeText, Generate.booleans().zip(instants, (known, t) -> known ? t : null),
                FailedService::new);
        Gen<NetworkInterfaceUsage> network = maybeText.zip(maybeLong, maybeLong, NetworkInterfaceUsage::new);
        Gen<CollectionError> error = texts.zip(maybeText, CollectionError::new);
        Gen<LoadAverage> load = Generate.booleans().zip(maybeDouble, maybeDouble, maybeDouble,
                (present, a, b, c) -> present ? new LoadAverage(a, b, c) : null);
        Gen<Object[]> first = texts.zip(instants, maybeDouble, memory, maybeList(disk),
                (id, t, cpu, mem, disks) -> new Object[] {id, t, cpu, mem, disks});
        Gen<Object[]> second = load.zip(maybeLong, maybeList(failed), memory, maybeList(network),
                (l, uptime, f, swap, net) -> new Object[] {l, uptime, f, swap, net});
        return first.zip(second, maybeText, maybeList(error), (a, b, version, errors) -> new MetricsReport(
                (String) a[0], (Instant) a[1], (Double) a[2], (Memory) a[3], cast(a[4]), (LoadAverage) b[0], (Long) b[1],
                cast(b[2]), (Memory) b[3], cast(b[4]), version, errors));
    }

    private static <T> Gen<List<T>> maybeList(Gen<T> items) {
        return Generate.booleans().zip(lists().of(items).ofSizeBetween(0, 3), (present, list) -> present ? list : null);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object list) {
        return (List<T>) list;
    }
}
