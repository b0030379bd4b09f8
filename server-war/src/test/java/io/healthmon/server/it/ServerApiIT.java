package io.healthmon.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.testsupport.PayaraDatabaseExtension;
import io.healthmon.testsupport.TestDatabase;
import java.io.File;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built WAR on Payara Micro against a real PostgreSQL, over HTTP: the walking skeleton's path
 * from registration to a stored report and back out of the read API.
 */
@ExtendWith({PayaraDatabaseExtension.class, ArquillianExtension.class})
class ServerApiIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("healthmon.war")));
    }

    private ApiClient api() {
        return new ApiClient(base);
    }

    private static String newServerId() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aReportRoundTripsFromIngestionToTheReadApiAndTheDatabase() throws Exception {
        ApiClient api = api();
        String serverId = newServerId();
        String key = api.register(serverId);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        ApiClient.Answer posted = api.postMetrics(key, Reports.report(serverId, at, 42.5, 55.0));
        assertEquals(200, posted.status(), posted.body());
        assertEquals(1, posted.json().get("accepted").asInt(), posted.body());

        ApiClient.Answer read = api.getAsOperator("api/v1/servers/" + serverId);
        assertEquals(200, read.status(), read.body());
        assertEquals("HEALTHY", read.json().get("status").asText(), read.body());
        assertEquals(42.5, read.json().at("/latest/cpu_usage").asDouble(), read.body());
        assertEquals(at, Instant.parse(read.json().at("/latest/timestamp").asText()));

        try (Connection c = TestDatabase.get().connect();
             PreparedStatement s = c.prepareStatement("select m.cpu_usage, m.collected_at from metrics m"
                     + " join servers s on s.id = m.server_ref where s.server_id = ?")) {
            s.setString(1, serverId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "the report is in the metrics table");
                assertEquals(42.5, rs.getDouble(1));
                assertEquals(at, rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
            }
        }
    }

    @Test
    void probesAreUpOnceTheSchemaIsApplied() {
        ApiClient api = api();
        ApiClient.Answer own = api.get("api/v1/health", Map.of());
        assertEquals(200, own.status(), own.body());
        assertEquals("UP", own.json().get("status").asText());
        assertEquals("APPLIED", own.json().get("schema").asText());
    }
}
