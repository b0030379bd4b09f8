package io.healthmon.agent.transport;

import io.healthmon.agent.config.AgentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * The agent's HTTP: one POST at a time over the JDK's {@link HttpURLConnection}, which keeps the
 * connection alive between requests. Not {@code java.net.http}: its client brings a selector thread,
 * a few hundred classes and TLS set up even for plain HTTP, resident for the agent's life, to send one
 * request a minute (docs/decisions/0017). Certificates and host names are verified as
 * the JDK does by default, against the authorities {@link TrustedCertificates} chooses (the JVM's, or
 * the operator's CA file), and against the server-key pins when configured; redirects are not
 * followed (a report must not be re-posted somewhere the operator did not name).
 */
public final class HttpPoster {

    /** Answers larger than this are cut: the server's are a few hundred bytes. */
    private static final int MAX_BODY = 1 << 20;

    /**
     * An answer: the status, the Content-Type header (empty if none), the body as text (empty if
     * none), and the Retry-After header if any.
     */
    public record Response(int status, String contentType, String body, Optional<String> retryAfter) {
    }

    private final SSLSocketFactory tls;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    /**
     * @param tls the trust to use for https, or null for the JVM's default (set up only when an
     *            https request is made, so a plain-http agent never loads TLS)
     */
    public HttpPoster(SSLSocketFactory tls, Duration connectTimeout, Duration readTimeout) {
        this.tls = tls;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /**
     * The agent's poster. Trust other than the JVM's own (a CA file, a pin) is set up now, so a bad file
     * stops the start naming its key; the JVM's own is left to the JDK, which sets TLS up on first use.
     */
    public static HttpPoster of(AgentConfig config) {
        SSLSocketFactory tls = config.tls().jvmDefault() ? null : TrustedCertificates.sslContext(config.tls()).getSocketFactory();
        return new HttpPoster(tls, config.connectTimeout(), config.requestTimeout());
    }

    public Response post(URI uri, Map<String, String> headers, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            if (tls != null && connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(tls);
            }
            connection.setRequestMethod("POST");
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                connection.setRequestProperty(header.getKey(), header.getValue());
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            String contentType = connection.getContentType();
            return new Response(status, contentType == null ? "" : contentType,
                    read(status >= 400 ? connection.getErrorStream() : connection.getInputStream()),
                    Optional.ofNullable(connection.getHeaderField("Retry-After")));
        } catch (IOException e) {
            connection.disconnect(); // a half-used connection must not be kept for the next request
            throw e;
        }
    }

    /** Reads the whole body, which lets the JDK reuse the connection for the next request. */
    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        }
    }
}
