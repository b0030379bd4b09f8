package io.healthmon.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a report's POST into a reusable buffer, for both drivers ({@link LoopConnection} and
 * {@link KeepAliveConnection}): the head up to the bearer token is built once per target, the token once per agent, and
 * only the length and the body change from request to request, so no strings are built per request.
 * Not to be shared between threads: it keeps a scratch array for the length's digits.
 */
final class PostRequestEncoder {

    private static final byte[] CONTENT_LENGTH = "\r\nContent-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] headToToken;
    private final byte[] digits = new byte[20];

    PostRequestEncoder(URI target) {
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        this.headToToken = ("POST " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + port(target)
                + "\r\nContent-Type: application/json\r\nUser-Agent: healthmon-bench\r\nAuthorization: Bearer ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The target's port, or its scheme's default. */
    static int port(URI target) {
        return target.getPort() != -1 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
    }

    /** The token as the request carries it, to be computed once per agent. */
    static byte[] token(String bearerToken) {
        return bearerToken.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The request in {@code buffer}, flipped for writing; a larger buffer of the same kind (direct or
     * heap) if it does not fit (the caller keeps the one returned).
     */
    ByteBuffer encode(ByteBuffer buffer, byte[] token, byte[] body) {
        int digitsFrom = decimal(body.length);
        int size = headToToken.length + token.length + CONTENT_LENGTH.length + (digits.length - digitsFrom)
                + END_OF_HEAD.length + body.length;
        int larger = Integer.highestOneBit(size) * 2;
        ByteBuffer out = buffer.capacity() >= size ? buffer
                : buffer.isDirect() ? ByteBuffer.allocateDirect(larger) : ByteBuffer.allocate(larger);
        out.clear();
        out.put(headToToken).put(token).put(CONTENT_LENGTH).put(digits, digitsFrom, digits.length - digitsFrom)
                .put(END_OF_HEAD).put(body);
        return out.flip();
    }

    /** Writes n's decimal digits at the end of {@code digits}; returns where they start. */
    private int decimal(int n) {
        int at = digits.length;
        do {
            digits[--at] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n > 0);
        return at;
    }
}
