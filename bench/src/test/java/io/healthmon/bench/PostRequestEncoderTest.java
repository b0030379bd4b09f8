package io.healthmon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Requests written into a reused buffer carry what KeepAliveConnection sends. */
class PostRequestEncoderTest {

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void headTokenLengthAndBody() {
        PostRequestEncoder encoder = new PostRequestEncoder(URI.create("http://127.0.0.1:18480/api/v1/metrics"));
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        ByteBuffer out = encoder.encode(buffer, PostRequestEncoder.token("k-1"), "{\"a\":10}".getBytes(StandardCharsets.UTF_8));
        assertSame(buffer, out);
        assertEquals("POST /api/v1/metrics HTTP/1.1\r\nHost: 127.0.0.1:18480\r\nContent-Type: application/json\r\n"
                + "User-Agent: healthmon-bench\r\nAuthorization: Bearer k-1\r\nContent-Length: 8\r\n\r\n{\"a\":10}", text(out));

        out = encoder.encode(out, PostRequestEncoder.token("k-2"), new byte[0]);
        assertEquals(true, text(out).endsWith("Bearer k-2\r\nContent-Length: 0\r\n\r\n"), text(out));
    }

    @Test
    void aLargerBufferWhenTheRequestDoesNotFit() {
        PostRequestEncoder encoder = new PostRequestEncoder(URI.create("http://h/p"));
        byte[] body = new byte[5000];
        ByteBuffer out = encoder.encode(ByteBuffer.allocate(64), PostRequestEncoder.token("k"), body);
        assertEquals(true, text(out).contains("Host: h:80\r\n"));
        assertEquals(true, text(out).contains("Content-Length: 5000\r\n\r\n"));
        assertEquals(5000, out.remaining() - text(out).indexOf("\r\n\r\n") - 4);
    }
}
