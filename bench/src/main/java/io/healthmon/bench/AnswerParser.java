package io.healthmon.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads one HTTP/1.x answer from whatever bytes have arrived so far, so that an event loop can feed it
 * each read as it comes, an answer split anywhere. It keeps the status and whether the connection must
 * be closed afterwards, and skips the body, framed by {@code Content-Length} or chunked encoding. It
 * understands what {@link KeepAliveConnection} does, the same way; it works on bytes in place and
 * reuses one line buffer, so an answer costs no allocation (this runs for every request, on the
 * cores the server under test needs).
 */
final class AnswerParser {

    /** A status, header or chunk-size line longer than this is not what a server answers a POST with. */
    static final int MAX_LINE = 8192;

    /** An answer the parser cannot follow: the connection's state is unknown and must be closed. */
    static final class MalformedAnswerException extends IOException {
        MalformedAnswerException(String message) {
            super(message);
        }
    }

    private enum State { STATUS_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, DONE }

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private State state;
    private int status;
    private boolean closeAfter;
    private long contentLength;
    private boolean chunked;
    private long remaining;

    AnswerParser() {
        reset();
    }

    /** Ready for the next answer. */
    void reset() {
        state = State.STATUS_LINE;
        lineLength = 0;
        status = 0;
        closeAfter = false;
        contentLength = -1;
        chunked = false;
        remaining = 0;
    }

    /**
     * Consumes bytes of the answer from {@code in} and returns whether the answer is now complete. It
     * consumes nothing past the answer's end: bytes left in {@code in} then are not part of it.
     */
    boolean feed(ByteBuffer in) throws MalformedAnswerException {
        while (state != State.DONE && in.hasRemaining()) {
            if (state == State.BODY || state == State.CHUNK_DATA) {
                int n = (int) Math.min(remaining, in.remaining());
                in.position(in.position() + n);
                remaining -= n;
                if (remaining == 0) {
                    state = state == State.BODY ? State.DONE : State.CHUNK_END;
                }
            } else if (lineComplete(in)) {
                onLine();
                lineLength = 0;
            }
        }
        return state == State.DONE;
    }

    /** The answer's status; valid once its status line has been read. */
    int status() {
        return status;
    }

    /** Whether the server closes the connection after this answer (or its body ends only when it does). */
    boolean closeAfter() {
        return closeAfter;
    }

    /** Appends bytes to the line up to its LF; returns whether the line is complete (without its CR LF). */
    private boolean lineComplete(ByteBuffer in) throws MalformedAnswerException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength == MAX_LINE) {
                throw new MalformedAnswerException("a line of the answer is longer than " + MAX_LINE + " bytes");
            }
            line[lineLength++] = b;
        }
        return false;
    }

    private void onLine() throws MalformedAnswerException {
        switch (state) {
            case STATUS_LINE -> statusLine();
            case HEADERS -> {
                if (lineLength == 0) {
                    endOfHeaders();
                } else {
                    header();
                }
            }
            case CHUNK_SIZE -> {
                remaining = chunkSize();
                state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_END -> state = State.CHUNK_SIZE; // the CR LF after a chunk's data
            case TRAILERS -> {
                if (lineLength == 0) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException("no line expected in state " + state);
        }
    }

    /** {@code HTTP/1.x NNN reason}, the reason optional. */
    private void statusLine() throws MalformedAnswerException {
        boolean valid = lineLength >= 12 && startsWith("HTTP/1.") && isDigit(line[7]) && line[8] == ' '
                && isDigit(line[9]) && isDigit(line[10]) && isDigit(line[11]) && (lineLength == 12 || line[12] == ' ');
        if (!valid) {
            throw new MalformedAnswerException("not an HTTP/1.x status line: " + text(0, Math.min(lineLength, 80)));
        }
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        closeAfter = line[7] == '0'; // HTTP/1.0 closes unless it says keep-alive
        state = State.HEADERS;
    }

    private void header() throws MalformedAnswerException {
        int colon = indexOf((byte) ':', 0, lineLength);
        if (colon < 0) {
            return; // not a header: ignored, as KeepAliveConnection does
        }
        int nameFrom = skipSpaces(0, colon);
        int nameTo = trimSpaces(nameFrom, colon);
        int valueFrom = skipSpaces(colon + 1, lineLength);
        int valueTo = trimSpaces(valueFrom, lineLength);
        if (equalsIgnoreCase(nameFrom, nameTo, "content-length")) {
            contentLength = decimal(valueFrom, valueTo);
        } else if (equalsIgnoreCase(nameFrom, nameTo, "transfer-encoding")) {
            chunked = containsIgnoreCase(valueFrom, valueTo, "chunked");
        } else if (equalsIgnoreCase(nameFrom, nameTo, "connection")) {
            closeAfter = containsIgnoreCase(valueFrom, valueTo, "close")
                    || (closeAfter && !containsIgnoreCase(valueFrom, valueTo, "keep-alive"));
        }
    }

    private void endOfHeaders() {
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0) {
            remaining = contentLength;
            state = State.BODY;
        } else {
            if (contentLength < 0 && status != 204 && status != 304) {
                // A body that ends only when the connection does: done with the status, and the
                // connection is closed rather than read to its end.
                closeAfter = true;
            }
            state = State.DONE;
        }
    }

    private long chunkSize() throws MalformedAnswerException {
        int end = indexOf((byte) ';', 0, lineLength);
        int from = skipSpaces(0, end < 0 ? lineLength : end);
        int to = trimSpaces(from, end < 0 ? lineLength : end);
        if (from == to || to - from > 15) {
            throw new MalformedAnswerException("not a chunk size: " + text(0, Math.min(lineLength, 80)));
        }
        long size = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0) {
                throw new MalformedAnswerException("not a chunk size: " + text(0, Math.min(lineLength, 80)));
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private long decimal(int from, int to) throws MalformedAnswerException {
        if (from == to || to - from > 18) {
            throw new MalformedAnswerException("not a Content-Length: " + text(from, to));
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            if (!isDigit(line[i])) {
                throw new MalformedAnswerException("not a Content-Length: " + text(from, to));
            }
            n = n * 10 + (line[i] - '0');
        }
        return n;
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean equalsIgnoreCase(int from, int to, String lowerCase) {
        return to - from == lowerCase.length() && regionMatches(from, lowerCase);
    }

    private boolean containsIgnoreCase(int from, int to, String lowerCase) {
        for (int i = from; i + lowerCase.length() <= to; i++) {
            if (regionMatches(i, lowerCase)) {
                return true;
            }
        }
        return false;
    }

    private boolean regionMatches(int from, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            byte b = line[from + i];
            if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private int skipSpaces(int from, int to) {
        while (from < to && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        return from;
    }

    private int trimSpaces(int from, int to) {
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** For error messages only. */
    private String text(int from, int to) {
        return new String(line, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
