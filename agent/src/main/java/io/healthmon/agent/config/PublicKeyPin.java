package io.healthmon.agent.config;

import java.util.Base64;
import java.util.Locale;

/**
 * A pin of the server's public key: the SHA-256 of its certificate's SubjectPublicKeyInfo, written in
 * hex (64 digits, colons between pairs allowed, as {@code openssl ... | sha256sum} or a fingerprint
 * shows it) or in base64 (44 characters, as HPKP's {@code pin-sha256} and
 * {@code openssl ... | openssl dgst -sha256 -binary | base64} give it).
 */
final class PublicKeyPin {

    private static final int DIGEST_BYTES = 32;

    private PublicKeyPin() {
    }

    /** The pin as 64 lower-case hex digits; an error naming {@code label} when it is neither form. */
    static String toHex(String label, String pin) {
        String hex = pin.replace(":", "").toLowerCase(Locale.ROOT);
        if (hex.length() == 2 * DIGEST_BYTES && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return hex;
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(pin);
        } catch (IllegalArgumentException e) {
            digest = new byte[0];
        }
        if (digest.length != DIGEST_BYTES) {
            throw new ConfigException(label, "'" + pin + "' is not a SHA-256 pin: give 64 hex digits or 44 base64"
                    + " characters (the SHA-256 of the server certificate's SubjectPublicKeyInfo)");
        }
        StringBuilder out = new StringBuilder(2 * DIGEST_BYTES);
        for (byte b : digest) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }
}
