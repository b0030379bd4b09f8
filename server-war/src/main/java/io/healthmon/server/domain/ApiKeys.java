package io.healthmon.server.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys: 32 bytes from {@link SecureRandom}, shown once as URL-safe Base64 with a short prefix that
 * tells operators what it is, and stored only as a SHA-256 hash. A fast hash is right here (unlike for
 * passwords): the key has 256 bits of entropy, so it cannot be guessed from its hash.
 */
public final class ApiKeys {

    public static final int KEY_BYTES = 32;
    public static final String PREFIX = "hm_";
    /** One-time re-enrolment tokens look different from keys, so neither is mistaken for the other. */
    public static final String ENROLMENT_PREFIX = "hme_";
    /** How many characters of a key are stored in clear so operators can tell keys apart. */
    public static final int VISIBLE_PREFIX_LENGTH = PREFIX.length() + 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        return generate(PREFIX);
    }

    /** A secret of the same strength as a key, for a one-time re-enrolment. */
    public static String generateEnrolmentToken() {
        return generate(ENROLMENT_PREFIX);
    }

    private static String generate(String prefix) {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hex SHA-256 of the key, as stored in {@code api_keys.key_hash}. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    public static String visiblePrefix(String key) {
        return key.substring(0, Math.min(VISIBLE_PREFIX_LENGTH, key.length()));
    }

    /** Compares secrets in time independent of where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
