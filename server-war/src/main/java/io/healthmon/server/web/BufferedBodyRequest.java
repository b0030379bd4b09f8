package io.healthmon.server.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** A request whose body has been read into memory already: endpoints read it without waiting on the client. */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

    private final ByteArrayOutputStream body;
    /**
     * One stream for the request, as the container gives: Jersey asks for the stream again on each
     * read, and a new one each time would hand the body out from the start again.
     */
    private ServletInputStream stream;

    BufferedBodyRequest(HttpServletRequest request, ByteArrayOutputStream body) {
        super(request);
        this.body = body;
    }

    @Override
    public synchronized ServletInputStream getInputStream() {
        if (stream == null) {
            stream = open(new ByteArrayInputStream(body.toByteArray()));
        }
        return stream;
    }

    private static ServletInputStream open(ByteArrayInputStream in) {
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public int available() {
                return in.available();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                try {
                    listener.onDataAvailable();
                    listener.onAllDataRead();
                } catch (IOException e) {
                    listener.onError(e);
                }
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
}
