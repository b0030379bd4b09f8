package io.healthmon.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.healthmon.agent.config.AgentConfig;
import io.healthmon.agent.config.ConfigException;
import io.healthmon.agent.config.ConfigLoader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's trust against a real HTTPS server whose certificate a CA signed that the JVM trusts (its
 * trust store is pointed at that CA, as a public CA is in cacerts): refused unless the operator's CA
 * file names that CA or the operator allows the JVM's authorities; key pins checked on top.
 * Certificates made by the JDK's keytool.
 */
class PinnedTrustTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static URI url;
    private static String serverKeyHex;
    private static String jvmTrustStore;

    @BeforeAll
    static void certificatesAndServer() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=public-ca", "-ext", "bc:c",
                "-keystore", p("public-ca.p12"));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", p("public-ca.p12"), "-file", p("public-ca.pem"));
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=operator-ca", "-ext", "bc:c",
                "-keystore", p("operator-ca.p12"));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", p("operator-ca.p12"), "-file", p("operator-ca.pem"));
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-keystore", p("server.p12"));
        keytool("-certreq", "-alias", "server", "-keystore", p("server.p12"), "-file", p("server.csr"));
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", p("public-ca.p12"), "-infile", p("server.csr"),
                "-outfile", p("server.pem"), "-ext", "SAN=ip:127.0.0.1,dns:localhost");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", p("public-ca.pem"), "-keystore", p("server.p12"));
        keytool("-importcert", "-alias", "server", "-file", p("server.pem"), "-keystore", p("server.p12"));
        keytool("-importcert", "-noprompt", "-alias", "public-ca", "-file", p("public-ca.pem"), "-keystore", p("jvm-trust.p12"));

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(p("server.p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        serverKeyHex = TrustedCertificates.publicKeySha256((X509Certificate) keys.getCertificate("server"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/api/v1/metrics", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"accepted\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");

        // The JVM's default authorities: the CA that signed the server, as a public CA is in cacerts.
        jvmTrustStore = System.getProperty("javax.net.ssl.trustStore");
        System.setProperty("javax.net.ssl.trustStore", p("jvm-trust.p12"));
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        if (jvmTrustStore == null) {
            System.clearProperty("javax.net.ssl.trustStore");
        } else {
            System.setProperty("javax.net.ssl.trustStore", jvmTrustStore);
        }
        System.clearProperty("javax.net.ssl.trustStorePassword");
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", args) + ": " + output);
    }

    private static AgentConfig config(String tls) {
        return new ConfigLoader(Map.of(), () -> "h").parse("agent:\n  server_url: \"" + url + "\"\n  api_key: k\n  tls:\n"
                + tls, ConfigLoader.Purpose.RUN);
    }

    private static int post(AgentConfig config) throws IOException {
        return HttpPoster.of(config).post(url.resolve("api/v1/metrics"), Map.of(), new byte[] {'{', '}'}).status();
    }

    @Test
    void aCaTheJvmTrustsButTheCaFileDoesNotNameIsRefused() {
        AgentConfig operatorsCa = config("    ca_file: \"" + p("operator-ca.pem") + "\"\n");
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, () -> post(operatorsCa));
        assertTrue(HttpTransport.describe(refused).contains("not trusted"), HttpTransport.describe(refused));
    }

    @Test
    void theJvmsAuthoritiesCountWhenTheOperatorSaysSo() throws IOException {
        assertEquals(200, post(config("    ca_file: \"" + p("operator-ca.pem") + "\"\n    system_trust: true\n")));
        assertEquals(200, post(config("    system_trust: true\n")));
    }

    @Test
    void theCaFileThatNamesTheServersCaIsEnough() throws IOException {
        assertEquals(200, post(config("    ca_file: \"" + p("public-ca.pem") + "\"\n")));
    }

    @Test
    void aPinnedKeyInHexOrBase64IsAcceptedAndAnyOtherRefused() throws IOException {
        String ca = "    ca_file: \"" + p("public-ca.pem") + "\"\n";
        String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(serverKeyHex));
        assertEquals(200, post(config(ca + "    pin_sha256: \"" + serverKeyHex.toUpperCase() + "\"\n")));
        assertEquals(200, post(config(ca + "    pin_sha256: [\"" + "ab".repeat(32) + "\", \"" + base64 + "\"]\n")));
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                () -> post(config(ca + "    pin_sha256: \"" + "ab".repeat(32) + "\"\n")));
        assertTrue(HttpTransport.describe(refused).contains("none of agent.tls.pin_sha256"), HttpTransport.describe(refused));
    }

    @Test
    void trustThatCannotWorkStopsTheStartNamingTheSetting() {
        assertTrue(assertThrows(ConfigException.class, () -> config("    system_trust: false\n")).getMessage()
                .startsWith("agent.tls.system_trust: false, and no agent.tls.ca_file"));
        assertTrue(assertThrows(ConfigException.class, () -> config("    system_trust: maybe\n")).getMessage()
                .startsWith("agent.tls.system_trust: must be true or false"));
        assertTrue(assertThrows(ConfigException.class, () -> config("    pin_sha256: \"abc\"\n")).getMessage()
                .startsWith("agent.tls.pin_sha256: 'abc' is not a SHA-256 pin"));
    }
}
