package io.healthmon.agent.transport;

import io.healthmon.agent.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for the agent: the JVM's default authorities, plus the certificates of a PEM file the
 * operator names (a private CA, or a self-signed server certificate). Nothing else is trusted.
 */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    static SSLContext sslContextTrusting(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509TrustManager manager : defaultManagers()) {
                for (X509Certificate ca : manager.getAcceptedIssuers()) {
                    store.setCertificateEntry("default-" + n++, ca);
                }
            }
            try (InputStream in = Files.newInputStream(pemFile)) {
                int added = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("configured-" + added++, certificate);
                }
                if (added == 0) {
                    throw new ConfigException("agent.tls.ca_file", pemFile + " holds no PEM certificate");
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("agent.tls.ca_file", "cannot use " + pemFile + ": " + e.getMessage());
        }
    }

    private static java.util.List<X509TrustManager> defaultManagers() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        java.util.List<X509TrustManager> out = new java.util.ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x) {
                out.add(x);
            }
        }
        return out;
    }
}
