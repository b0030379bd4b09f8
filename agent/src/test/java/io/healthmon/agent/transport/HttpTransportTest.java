package io.healthmon.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which answers may reject reports: only healthmon's application, in problem+json, about the reports. */
class HttpTransportTest {

    static final String PROBLEM = "application/problem+json";
    static final String PAYARA_404 = """
            <!DOCTYPE html><html><head><title>Payara Micro #badassfish - Error report</title></head>
            <body><h1>HTTP Status 404 - Not Found</h1><hr/><p><b>type</b> Status report</p>
            <p><b>message</b>Not Found</p><p><b>description</b>The requested resource is not available.</p>
            <hr/><h3>Payara Micro #badassfish</h3></body></html>""";
    static final String INVALID_REPORT = "{\"type\":\"urn:healthmon:problem:invalid-report\",\"title\":\"Bad Request\","
            + "\"status\":400,\"detail\":\"the report is invalid\","
            + "\"errors\":[{\"field\":\"cpu_usage\",\"rule\":\"must be at most 100\"}]}";

    @Test
    void onlyTheApplicationsProblemJson400RejectsAmongAnswersFromAServerComingUp() {
        SendOutcome html404 = HttpTransport.outcome(404, "text/html;charset=ISO-8859-1", PAYARA_404, Optional.empty());
        SendOutcome text400 = HttpTransport.outcome(400, "text/plain", "Bad Request", Optional.empty());
        SendOutcome html502 = HttpTransport.outcome(502, "text/html", "<html><body>Bad Gateway</body></html>", Optional.empty());
        SendOutcome html503 = HttpTransport.outcome(503, "text/html", "<html><body>Service Unavailable</body></html>",
                Optional.of("5"));
        SendOutcome problem400 = HttpTransport.outcome(400, PROBLEM, INVALID_REPORT, Optional.empty());

        assertInstanceOf(SendOutcome.Unavailable.class, html404);
        assertInstanceOf(SendOutcome.Unavailable.class, text400);
        assertInstanceOf(SendOutcome.Unavailable.class, html502);
        assertEquals(Duration.ofSeconds(5), assertInstanceOf(SendOutcome.Unavailable.class, html503).retryAfter());
        SendOutcome.Rejected rejected = assertInstanceOf(SendOutcome.Rejected.class, problem400);
        assertEquals(400, rejected.status());
        assertEquals("the report is invalid; cpu_usage: must be at most 100", rejected.detail());
    }

    @Test
    void theLogSaysAnAnswerWasNotHealthmonsWithoutItsMarkup() {
        var later = (SendOutcome.Unavailable) HttpTransport.outcome(404, "text/html", PAYARA_404, Optional.empty());
        assertEquals("server answered 404 (not healthmon's own answer: text/html)", later.reason());
        var plain = (SendOutcome.Unavailable) HttpTransport.outcome(502, "text/plain", "upstream connect error", Optional.empty());
        assertEquals("server answered 502 (not healthmon's own answer: text/plain): upstream connect error", plain.reason());
    }

    @Test
    void theApplicationsRefusalsOfTheRequestRatherThanItsReportsKeepThemOnThatServer() {
        for (int status : new int[] {404, 405, 406, 408, 415, 429}) {
            SendOutcome.RetryLater later = assertInstanceOf(SendOutcome.RetryLater.class,
                    HttpTransport.outcome(status, PROBLEM, "{\"status\":" + status + ",\"detail\":\"no\"}", Optional.of("9")),
                    "problem+json " + status);
            assertEquals("server answered " + status + ": no", later.reason());
            assertEquals(Duration.ofSeconds(9), later.retryAfter());
        }
        assertInstanceOf(SendOutcome.Rejected.class, HttpTransport.outcome(422, PROBLEM + "; charset=UTF-8", INVALID_REPORT,
                Optional.empty()));
    }

    @Test
    void statusCodesMapToWhatTheAgentDoes() {
        SendOutcome.Accepted accepted = assertInstanceOf(SendOutcome.Accepted.class, HttpTransport.outcome(200,
                "application/json", "{\"accepted\":2,\"duplicates\":0,\"rejected\":0,\"results\":[{\"timestamp\":"
                        + "\"2026-06-01T12:00:00Z\",\"status\":\"stored\"}]}", Optional.empty()));
        assertEquals(2, accepted.body().path("accepted").asInt(0));
        assertEquals("stored", accepted.body().path("results").items().get(0).path("status").asText());
        assertInstanceOf(SendOutcome.Unauthorized.class, HttpTransport.outcome(401, PROBLEM, "", Optional.empty()));
        assertInstanceOf(SendOutcome.Unauthorized.class, HttpTransport.outcome(403, "text/html", "", Optional.empty()));
        assertTrue(assertInstanceOf(SendOutcome.TooLarge.class, HttpTransport.outcome(413, PROBLEM, "", Optional.empty()))
                .byApplication());
        assertFalse(assertInstanceOf(SendOutcome.TooLarge.class, HttpTransport.outcome(413, "text/html", "", Optional.empty()))
                .byApplication());
        for (int status : new int[] {301, 404, 408, 429, 500, 502, 503}) {
            assertInstanceOf(SendOutcome.Unavailable.class, HttpTransport.outcome(status, "", "", Optional.empty()),
                    "not the application's " + status);
        }
        var later = (SendOutcome.Unavailable) HttpTransport.outcome(503, PROBLEM, "{\"detail\":\"busy\"}", Optional.of("7"));
        assertEquals(Duration.ofSeconds(7), later.retryAfter());
        assertEquals("server answered 503: busy", later.reason());
    }
}
