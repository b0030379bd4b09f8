package io.healthmon.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded run's TLS identity: a key pair and self-signed certificate for localhost and
 * 127.0.0.1, made once with the JDK's keytool and kept in {@code <data-dir>/tls} (the keystore
 * readable only by its owner), with the certificate also as PEM for the agent's {@code tls.ca_file}.
 * Payara Micro serves it under the alias {@link #ALIAS}.
 */
record SelfSignedCertificate(Path keystore, String password, Path certificatePem) {

    static final String ALIAS = "healthmon";
    /** The keystore is readable only by its owner; its password guards nothing more, so it is fixed. */
    static final String EMBEDDED_PASSWORD = "healthmon-embedded";

    /** Creates the keystore and PEM on first use; reuses them afterwards. */
    static SelfSignedCertificate inDataDir(Path dataDir, String password) throws IOException, InterruptedException {
        Path dir = dataDir.resolve("tls");
        Path keystore = dir.resolve("server-keystore.p12");
        Path pem = dir.resolve("server-certificate.pem");
        if (!Files.exists(keystore) || !Files.exists(pem)) {
            Files.createDirectories(dir);
            Files.deleteIfExists(keystore);
            Files.deleteIfExists(pem);
            keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "825",
                    "-dname", "CN=localhost, O=healthmon embedded run", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
            Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
            keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(), "-storepass", password,
                    "-file", pem.toString());
            Console.say("generated a self-signed TLS certificate for localhost in " + dir);
        }
        return new SelfSignedCertificate(keystore, password, pem);
    }

    /** The JVM flags that make Payara Micro's HTTPS listener serve this certificate. */
    List<String> payaraJvmFlags() {
        return List.of("-Djavax.net.ssl.keyStore=" + keystore, "-Djavax.net.ssl.keyStorePassword=" + password,
                "-Djavax.net.ssl.keyStoreType=PKCS12");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output.strip());
        }
    }
}
