package io.healthmon.server.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A POST whose body follows its headers after a pause, on a connection of its own. */
final class SplitBody {

    private SplitBody() {
    }

    /** The answer's status line, or "unanswered" when none came within {@code wait}. */
    static String post(URL base, String path, String apiKey, String json, Duration pause, Duration wait)
            throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Content-Type: application/json\r\nAuthorization: Bearer " + apiKey + "\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.toIntExact(wait.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!pause.isZero()) {
                Thread.sleep(pause.toMillis());
            }
            out.write(body);
            out.flush();
            return statusLine(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return "unanswered within " + wait.toSeconds() + " s";
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
