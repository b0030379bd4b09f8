package io.healthmon.agent.transport;

import io.healthmon.agent.config.ConfigException;
import io.healthmon.agent.config.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust for the agent's connections to its server, as {@link TlsSettings} say: the certificates of
 * the operator's PEM file (a private CA, or a self-signed server certificate), the JVM's default
 * authorities only where the operator allows them, and, when pinned, a server key whose SHA-256 is one
 * of the pins. The chain and the host name are always verified.
 */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    static SSLContext sslContext(TlsSettings tls) {
        String key = tls.caFile().isPresent() ? "agent.tls.ca_file" : "agent.tls.pin_sha256";
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            if (tls.systemTrust()) {
                int n = 0;
                for (X509Certificate ca : pkix(null).getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + n++, ca);
                }
            }
            if (tls.caFile().isPresent()) {
                addPem(store, tls.caFile().get());
            }
            X509ExtendedTrustManager chain = pkix(store);
            TrustManager manager = tls.pinsSha256().isEmpty() ? chain : new Pinned(chain, tls.pinsSha256());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(key, "cannot set up TLS trust: " + e.getMessage());
        }
    }

    private static void addPem(KeyStore store, Path pemFile) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pemFile)) {
            int added = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("configured-" + added++, certificate);
            }
            if (added == 0) {
                throw new ConfigException("agent.tls.ca_file", pemFile + " holds no PEM certificate");
            }
        } catch (CertificateException e) {
            throw new ConfigException("agent.tls.ca_file", "cannot use " + pemFile + ": " + e.getMessage());
        }
    }

    /** The JDK's PKIX trust manager over a store, or over the JVM's default authorities for null. */
    private static X509ExtendedTrustManager pkix(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    /** The SHA-256 of a certificate's SubjectPublicKeyInfo (what {@code getEncoded} of its key is), in hex. */
    static String publicKeySha256(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
    }

    /** The chain's checks first (host name included), then the server's key against the pins. */
    private static final class Pinned extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager chain;
        private final List<String> pins;

        Pinned(X509ExtendedTrustManager chain, List<String> pins) {
            this.chain = chain;
            this.pins = pins;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws CertificateException {
            chain.checkServerTrusted(certificates, authType, socket);
            checkPin(certificates);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            chain.checkServerTrusted(certificates, authType, engine);
            checkPin(certificates);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
            checkPin(certificates);
        }

        private void checkPin(X509Certificate[] certificates) throws CertificateException {
            String key;
            try {
                key = publicKeySha256(certificates[0]);
            } catch (GeneralSecurityException e) {
                throw new CertificateException("cannot hash the server's public key: " + e.getMessage(), e);
            }
            if (!pins.contains(key)) {
                throw new CertificateException("the server's public key (SHA-256 " + key
                        + ") is none of agent.tls.pin_sha256");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws CertificateException {
            chain.checkClientTrusted(certificates, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            chain.checkClientTrusted(certificates, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkClientTrusted(certificates, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }
}
