package io.healthmon.agent.transport;

import io.healthmon.agent.json.JsonTree;
import io.healthmon.agent.json.ReportWriter;
import io.healthmon.report.MetricsReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Posts reports to {@code /api/v1/metrics} with the API key as a bearer token, gzip-compressed.
 * Certificates are verified against the configured trust (see {@link TrustedCertificates}); there is
 * no option to skip verification.
 */
public final class HttpTransport implements Transport {

    private final HttpPoster http;
    private final URI server;
    private final URI metrics;
    private final Map<String, String> headers;

    public HttpTransport(HttpPoster http, URI serverUrl, String apiKey) {
        this.http = http;
        this.server = serverUrl;
        this.metrics = serverUrl.resolve("api/v1/metrics");
        this.headers = Map.of(
                "Authorization", "Bearer " + apiKey,
                "Content-Type", "application/json",
                "Content-Encoding", "gzip",
                "User-Agent", "healthmon-agent");
    }

    /** The server's base URL, as configured. */
    public URI server() {
        return server;
    }

    @Override
    public SendOutcome send(List<MetricsReport> reports) throws InterruptedException {
        if (Thread.interrupted()) {
            // The JDK's blocking HTTP cannot be interrupted once started, so a stopping agent starts none.
            throw new InterruptedException("the agent is stopping; nothing was sent");
        }
        HttpPoster.Response response;
        try {
            response = http.post(metrics, headers, gzip(ReportWriter.body(reports)));
        } catch (IOException e) {
            return new SendOutcome.Unavailable(describe(e), null);
        }
        return outcome(response);
    }

    /** What the agent does with an answer to any of its requests (see below); registration judges by it too. */
    public static SendOutcome outcome(HttpPoster.Response response) {
        return outcome(response.status(), response.contentType(), response.body(), response.retryAfter());
    }

    /**
     * What the agent does with an answer. Only healthmon's application may judge a report, and it
     * always answers in problem+json; anything else in front of it (Payara while the application
     * deploys, a proxy, a load balancer) answers in HTML or plain text, and such an answer says the
     * application was not reached, so the reports are kept and sent again. Of the application's own
     * 4xx answers, only those about the reports reject them: 404, 405, 406 and 415 mean this agent
     * talks to the wrong URL or in a shape the server does not take (an unknown server, another API
     * version), which no report can cure and a fixed configuration or upgraded agent will, so the
     * reports wait for that too. An answer that is not the application's, or a 5xx, says this server
     * is {@link SendOutcome.Unavailable unavailable}, which another instance of a cluster may not be.
     */
    static SendOutcome outcome(int status, String contentType, String body, Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return new SendOutcome.Accepted(JsonTree.parseLeniently(body));
        }
        boolean application = isProblem(contentType);
        String detail = detail(body);
        if (status == 401 || status == 403) {
            return new SendOutcome.Unauthorized(status, detail);
        }
        if (status == 413) {
            return new SendOutcome.TooLarge(detail, application);
        }
        if (application && status >= 400 && status < 500) {
            return notAboutTheReports(status)
                    ? new SendOutcome.RetryLater("server answered " + status + (detail.isEmpty() ? "" : ": " + detail),
                            retryAfter.flatMap(HttpTransport::seconds).orElse(null))
                    : new SendOutcome.Rejected(status, detail);
        }
        String reason = "server answered " + status;
        if (!application) {
            reason += " (not healthmon's own answer: " + (contentType.isEmpty() ? "no content type" : contentType) + ")";
            // An HTML error page is markup, not words for the log; a plain-text one may name the cause.
            if (contentType.toLowerCase(Locale.ROOT).contains("html")) {
                detail = "";
            }
        }
        return new SendOutcome.Unavailable(detail.isEmpty() ? reason : reason + ": " + detail,
                retryAfter.flatMap(HttpTransport::seconds).orElse(null));
    }

    /** 4xx answers of the application that refuse the request, not the reports in it (see {@link #outcome}). */
    private static boolean notAboutTheReports(int status) {
        return status == 404 || status == 405 || status == 406 || status == 408 || status == 415 || status == 429;
    }

    /** {@code application/problem+json}, with or without parameters such as a charset. */
    static boolean isProblem(String contentType) {
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        return type.equalsIgnoreCase("application/problem+json");
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: fall back to our own backoff
        }
    }

    /** The problem+json detail and errors, or the start of whatever the server said. */
    public static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonTree node = JsonTree.parseLeniently(body);
        if (node.has("detail")) {
            StringBuilder out = new StringBuilder(node.path("detail").asText());
            for (JsonTree error : node.path("errors").items()) {
                out.append("; ").append(error.path("field").asText()).append(": ").append(error.path("rule").asText());
            }
            return out.toString();
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body.strip();
    }

    /** What went wrong, in words an operator can act on; an untrusted certificate is said as such. */
    public static String describe(IOException e) {
        if (e instanceof javax.net.ssl.SSLHandshakeException) {
            return "the server's TLS certificate is not trusted, so nothing was sent (name its CA, or the certificate"
                    + " itself, in agent.tls.ca_file; a public CA counts only with agent.tls.system_trust: true; a pin in"
                    + " agent.tls.pin_sha256 must match its key): " + e.getMessage();
        }
        String what = e.getClass().getSimpleName();
        return e.getMessage() == null ? what : what + ": " + e.getMessage();
    }

    private static byte[] gzip(byte[] json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json);
        }
        return out.toByteArray();
    }
}
