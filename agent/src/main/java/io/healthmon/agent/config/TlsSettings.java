package io.healthmon.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whom the agent trusts with its reports. {@code caFile}'s certificates are the authorities (a private
 * CA, or the server's own self-signed certificate); the JVM's default authorities count only with
 * {@code systemTrust}, which is the default only when no CA file is named. {@code pinsSha256} (lower-case
 * hex) are the SHA-256 digests of SubjectPublicKeyInfo of which the server's certificate must have one,
 * on top of the chain's check; empty, no pin.
 */
public record TlsSettings(Optional<Path> caFile, boolean systemTrust, List<String> pinsSha256) {

    /** The JVM's authorities and nothing else: what the JDK does by itself. */
    public boolean jvmDefault() {
        return caFile.isEmpty() && systemTrust && pinsSha256.isEmpty();
    }
}
