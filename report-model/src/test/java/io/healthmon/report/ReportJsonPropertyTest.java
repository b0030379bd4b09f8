package io.healthmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportJsonPropertyTest {

    private static final ObjectMapper JSON = ReportJson.newMapper();

    @Test
    @DisplayName("Property 3: serializing a report to JSON and parsing it back gives an equal report")
    void property3_jsonRoundTripPreservesEveryField() {
        qt().withExamples(200).forAll(ReportGenerators.report()).check(report -> {
            try {
                String json = JSON.writeValueAsString(report);
                JsonNode tree = JSON.readTree(json);
                for (String field : new String[] {"server_id", "timestamp", "cpu_usage", "memory", "disk_usage",
                        "load_average", "uptime", "failed_services"}) {
                    assertTrue(tree.has(field), field + " is on the wire: " + json);
                }
                return report.equals(JSON.readValue(json, MetricsReport.class));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void theSeedsExampleReadsWithItsWireNames() throws Exception {
        String seed = """
                {"server_id":"server-001","timestamp":"2024-12-15T10:30:00Z","cpu_usage":45.2,
                 "memory":{"total":8589934592,"used":4294967296,"percentage":50.0},
                 "disk_usage":[{"mountpoint":"/","total":107374182400,"used":53687091200,"percentage":50.0}],
                 "load_average":{"1min":1.2,"5min":1.1,"15min":0.9},"uptime":86400,
                 "failed_services":[{"name":"nginx","status":"failed","since":"2024-12-15T09:15:00Z"}],
                 "a_field_from_a_newer_agent":true}
                """;
        MetricsReport report = JSON.readValue(seed, MetricsReport.class);
        assertEquals("server-001", report.serverId());
        assertEquals(1.2, report.loadAverage().oneMinute());
        assertEquals("nginx", report.failedServices().get(0).name());
        assertEquals(java.time.Instant.parse("2024-12-15T09:15:00Z"), report.failedServices().get(0).since());
    }
}
