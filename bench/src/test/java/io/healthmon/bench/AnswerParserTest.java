package io.healthmon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.bench.AnswerParser.MalformedAnswerException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incremental answer parser: framing, connection handling, and answers split anywhere. */
class AnswerParserTest {

    private static final String CONTENT_LENGTH = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"accepted\":1}";
    /** Its chunk of 4 bytes holds an empty line: a parser that read chunk data as lines would end there. */
    private static final String CHUNKED = "HTTP/1.1 400 Bad Request\r\ntransfer-encoding: Chunked\r\n\r\n"
            + "5\r\nhello\r\n3;x=y\r\nabc\r\n4\r\n\r\n\r\n\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n";
    private static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n";
    private static final String CLOSE = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno";

    private final AnswerParser parser = new AnswerParser();

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void contentLengthFramedAnswer() throws Exception {
        ByteBuffer in = bytes(CONTENT_LENGTH);
        assertTrue(parser.feed(in));
        assertEquals(200, parser.status());
        assertFalse(parser.closeAfter());
        assertEquals(0, in.remaining(), "the body is consumed");
    }

    @Test
    void chunkedAnswerWithExtensionAndTrailer() throws Exception {
        ByteBuffer in = bytes(CHUNKED);
        assertTrue(parser.feed(in));
        assertEquals(400, parser.status());
        assertFalse(parser.closeAfter());
        assertEquals(0, in.remaining());
    }

    @Test
    void incompleteUntilTheLastByteOfTheBody() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
        assertFalse(parser.feed(bytes(head + "1234")));
        assertTrue(parser.feed(bytes("5")));
    }

    @Test
    void everyAnswerSplitAtEveryBytePosition() throws Exception {
        for (String answer : List.of(CONTENT_LENGTH, CHUNKED, NO_CONTENT, CLOSE)) {
            byte[] all = answer.getBytes(StandardCharsets.ISO_8859_1);
            int expected = Integer.parseInt(answer.substring(9, 12));
            for (int split = 0; split < all.length; split++) {
                parser.reset();
                assertFalse(parser.feed(ByteBuffer.wrap(all, 0, split)), answer + " complete after " + split + " bytes");
                ByteBuffer rest = ByteBuffer.wrap(all, split, all.length - split);
                assertTrue(parser.feed(rest), answer + " incomplete when split at " + split);
                assertEquals(0, rest.remaining());
                assertEquals(expected, parser.status(), "split at " + split);
                assertEquals(answer == CLOSE, parser.closeAfter(), "split at " + split);
            }
        }
    }

    @Test
    void byteByByte() throws Exception {
        byte[] all = CHUNKED.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < all.length - 1; i++) {
            assertFalse(parser.feed(ByteBuffer.wrap(all, i, 1)), "complete at byte " + i);
        }
        assertTrue(parser.feed(ByteBuffer.wrap(all, all.length - 1, 1)));
        assertEquals(400, parser.status());
    }

    @Test
    void reusedForTheNextAnswerAfterReset() throws Exception {
        assertTrue(parser.feed(bytes(CLOSE)));
        assertTrue(parser.closeAfter());
        parser.reset();
        assertTrue(parser.feed(bytes(CONTENT_LENGTH)));
        assertEquals(200, parser.status());
        assertFalse(parser.closeAfter(), "nothing kept from the answer before");
    }

    @Test
    void connectionCloseAndHttp10() throws Exception {
        assertTrue(parser.feed(bytes(CLOSE)));
        assertTrue(parser.closeAfter());

        parser.reset();
        assertTrue(parser.feed(bytes("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")));
        assertTrue(parser.closeAfter(), "HTTP/1.0 closes by default");

        parser.reset();
        assertTrue(parser.feed(bytes("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n")));
        assertFalse(parser.closeAfter());
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() throws Exception {
        ByteBuffer in = bytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nsome body");
        assertTrue(parser.feed(in), "done with the status once the headers are read");
        assertEquals(200, parser.status());
        assertTrue(parser.closeAfter());
    }

    @Test
    void noContentNeedsNoLength() throws Exception {
        assertTrue(parser.feed(bytes(NO_CONTENT)));
        assertEquals(204, parser.status());
        assertFalse(parser.closeAfter());
    }

    @Test
    void bytesAfterTheAnswerAreLeftInTheBuffer() throws Exception {
        ByteBuffer in = bytes(CONTENT_LENGTH + "HTTP/1.1");
        assertTrue(parser.feed(in));
        assertEquals(8, in.remaining());
    }

    @Test
    void malformedAnswersAreErrors() {
        for (String answer : List.of("HTTP/2 200 OK\r\n", "SSH-2.0-OpenSSH\r\n", "HTTP/1.1 2x0 OK\r\n", "HTTP/1.1 200OK\r\n",
                "\r\n", "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")) {
            parser.reset();
            assertThrows(MalformedAnswerException.class, () -> parser.feed(bytes(answer)), answer);
        }
    }

    @Test
    void aLineLongerThanTheLimitIsAnError() {
        String longHeader = "HTTP/1.1 200 OK\r\nX-Long: " + "a".repeat(AnswerParser.MAX_LINE) + "\r\n";
        assertThrows(MalformedAnswerException.class, () -> parser.feed(bytes(longHeader)));
    }
}
