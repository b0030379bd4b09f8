package io.healthmon.agent.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.agent.config.AgentConfig;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/**
 * Posts reports to {@code /api/v1/metrics} with the API key as a bearer token, gzip-compressed.
 * Certificates are verified against the JVM's trust store plus the configured CA file; there is no
 * option to skip verification.
 */
public final class HttpTransport implements Transport {

    private static final ObjectMapper JSON = ReportJson.newMapper();

    private final HttpClient client;
    private final URI metrics;
    private final String apiKey;
    private final Duration requestTimeout;

    public HttpTransport(HttpClient client, URI serverUrl, String apiKey, Duration requestTimeout) {
        this.client = client;
        this.metrics = serverUrl.resolve("api/v1/metrics");
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
    }

    /** The one client of the agent: HTTP/1.1, connect timeout, and the configured trust. */
    public static HttpClient client(AgentConfig config) {
        SSLContext tls = config.caFile().map(TrustedCertificates::sslContextTrusting).orElseGet(TrustedCertificates::defaultContext);
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .sslContext(tls)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public SendOutcome send(List<MetricsReport> reports) throws InterruptedException {
        HttpRequest request;
        try {
            byte[] body = gzip(reports.size() == 1 ? JSON.writeValueAsBytes(reports.get(0)) : JSON.writeValueAsBytes(reports));
            request = HttpRequest.newBuilder(metrics)
                    .timeout(requestTimeout)
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .header("Content-Encoding", "gzip")
                    .header("User-Agent", "healthmon-agent")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("a report could not be written as JSON", e);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new SendOutcome.RetryLater(describe(e), null);
        }
        return outcome(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    }

    static SendOutcome outcome(int status, String body, Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return new SendOutcome.Accepted(parse(body));
        }
        String detail = detail(body);
        if (status == 401 || status == 403) {
            return new SendOutcome.Unauthorized(status, detail);
        }
        if (status == 413) {
            return new SendOutcome.TooLarge(detail);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new SendOutcome.RetryLater("server answered " + status + (detail.isEmpty() ? "" : ": " + detail),
                    retryAfter.flatMap(HttpTransport::seconds).orElse(null));
        }
        return new SendOutcome.Rejected(status, detail);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: fall back to our own backoff
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The problem+json detail and errors, or the start of whatever the server said. */
    public static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode node = parse(body);
        if (node.has("detail")) {
            StringBuilder out = new StringBuilder(node.get("detail").asText());
            for (JsonNode error : node.path("errors")) {
                out.append("; ").append(error.path("field").asText()).append(": ").append(error.path("rule").asText());
            }
            return out.toString();
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body.strip();
    }

    /** What went wrong, in words an operator can act on; an untrusted certificate is said as such. */
    public static String describe(IOException e) {
        if (e instanceof javax.net.ssl.SSLHandshakeException) {
            return "the server's TLS certificate is not trusted, so nothing was sent (trust its CA, or the certificate"
                    + " itself, with agent.tls.ca_file): " + e.getMessage();
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
