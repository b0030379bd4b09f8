package io.healthmon.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;

/**
 * One persistent HTTP/1.1 connection that posts JSON and reads the status, one request at a time.
 * The measured loop uses this rather than {@code java.net.http}: on a machine where the load
 * generator shares two cores with the server and PostgreSQL, that client's own CPU per request (far
 * more than this one's, docs/decisions/0014) is CPU the server under test no longer gets. This one costs a
 * write and a read per request. It understands what a server answers a POST with: a status line,
 * headers, and a body framed by {@code Content-Length} or chunked encoding; the body is discarded.
 */
final class KeepAliveConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final URI target;
    private final PostRequestEncoder encoder;
    private ByteBuffer request = ByteBuffer.allocate(16 * 1024);
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** A connection for posts to {@code target} (http or https), opened on first use and again after a failure. */
    KeepAliveConnection(URI target) {
        if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
            throw new IllegalArgumentException("the URL must be http or https: " + target);
        }
        this.target = target;
        this.encoder = new PostRequestEncoder(target);
    }

    /**
     * Posts the body with the bearer token and returns the answer's status. An I/O failure closes the
     * connection (the next post opens a new one) and is thrown.
     */
    int post(String bearerToken, byte[] body) throws IOException {
        try {
            if (socket == null) {
                open();
            }
            request = encoder.encode(request, PostRequestEncoder.token(bearerToken), body);
            out.write(request.array(), request.arrayOffset(), request.limit());
            out.flush();
            return readAnswer();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        Socket s = "https".equals(target.getScheme()) ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        s.connect(new InetSocketAddress(target.getHost(), PostRequestEncoder.port(target)), CONNECT_TIMEOUT_MILLIS);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = new BufferedOutputStream(s.getOutputStream(), 8192);
    }

    /** Reads one answer whole, so the next request starts on a clean stream; returns its status. */
    private int readAnswer() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = parts[0].equals("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closeAfter = value.contains("close") || (closeAfter && !value.contains("keep-alive"));
                default -> { }
            }
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers, if any
            }
        } else if (length > 0) {
            skip(length);
        } else if (length < 0 && status != 204 && status != 304) {
            closeAfter = true; // a body that ends when the connection does
        }
        if (closeAfter) {
            close();
        }
        return status;
    }

    private long chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the connection closed inside an answer's body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /** One CRLF-terminated header line, without its terminator. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed before the answer was complete");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken connection: nothing more to do
            }
            socket = null;
        }
    }
}
