package io.healthmon.server.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections that send a request's headers at once and then its body a byte a second, from several
 * loopback addresses (127.0.0.2 and up), as a client on a bad link or an attacker holding connections
 * would. {@link #dribble} sends the next byte on each still open and notes when the server closed it.
 */
final class SlowClients implements AutoCloseable {

    private final List<SocketChannel> channels = new ArrayList<>();
    private final long[] closedAtNanos;
    private final long openedAtNanos;

    SlowClients(URL base, String path, int count, int addresses, int declaredLength) throws IOException {
        closedAtNanos = new long[count];
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + declaredLength + "\r\n\r\n";
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.bind(new InetSocketAddress("127.0.0." + (2 + i % addresses), 0));
            channel.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            channels.add(channel);
        }
        openedAtNanos = System.nanoTime();
    }

    /** One more byte on every connection still open; notes those the server has closed. */
    void dribble() {
        ByteBuffer in = ByteBuffer.allocate(4096);
        for (int i = 0; i < channels.size(); i++) {
            if (closedAtNanos[i] != 0) {
                continue;
            }
            SocketChannel channel = channels.get(i);
            try {
                in.clear();
                int read;
                while ((read = channel.read(in)) > 0) {
                    in.clear(); // the 408 answer, or a 429: the close follows
                }
                if (read < 0) {
                    closedAtNanos[i] = System.nanoTime();
                    continue;
                }
                channel.write(ByteBuffer.wrap(new byte[] {' '}));
            } catch (IOException e) {
                closedAtNanos[i] = System.nanoTime();
            }
        }
    }

    int stillOpen() {
        int open = 0;
        for (long closed : closedAtNanos) {
            if (closed == 0) {
                open++;
            }
        }
        return open;
    }

    /** The longest any connection was kept open, of those closed. */
    Duration longestKept() {
        long longest = 0;
        for (long closed : closedAtNanos) {
            longest = Math.max(longest, closed == 0 ? 0 : closed - openedAtNanos);
        }
        return Duration.ofNanos(longest);
    }

    @Override
    public void close() {
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
