package io.healthmon.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * One non-blocking HTTP/1.1 connection driven by an {@link EventLoop} as a closed loop, as a blocking
 * worker drives its socket: exactly one request in flight; when its answer is complete, the latency
 * is recorded and the next report of the next of this connection's agents is sent. A request that
 * fails (I/O error, no answer within the timeout, an answer the parser cannot follow) counts as an
 * error, the connection is closed, and the next request opens a new one. Buffers, the parser and the
 * request head are reused from request to request.
 */
final class LoopConnection {

    private static final int BUFFER_BYTES = 16 * 1024;

    private final InetSocketAddress address;
    private final PostRequestEncoder encoder;
    private final List<SimulatedAgent> agents;
    private final byte[][] tokens;
    private final ReportFactory reports;
    private final RequestOutcomes outcomes;
    private final long end;
    private final long timeoutNanos;
    private final AnswerParser parser = new AnswerParser();
    private final ByteBuffer answer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private ByteBuffer request = ByteBuffer.allocateDirect(BUFFER_BYTES);

    private Selector selector;
    private SocketChannel channel;
    private SelectionKey key;
    private int nextAgent;
    private long sentAt;
    private boolean inFlight;
    private boolean finished;

    /**
     * A connection posting for {@code agents} to {@code address} until the nanoTime instant {@code end},
     * counting into {@code outcomes}; a request unanswered after {@code timeoutNanos} fails. The
     * encoder is this connection's own.
     */
    LoopConnection(InetSocketAddress address, PostRequestEncoder encoder, List<SimulatedAgent> agents,
                   ReportFactory reports, RequestOutcomes outcomes, long end, long timeoutNanos) {
        this.address = address;
        this.encoder = encoder;
        this.agents = agents;
        this.tokens = agents.stream().map(a -> PostRequestEncoder.token(a.apiKey)).toArray(byte[][]::new);
        this.reports = reports;
        this.outcomes = outcomes;
        this.end = end;
        this.timeoutNanos = timeoutNanos;
    }

    /** Sends the first request; from then on the event loop calls {@link #onReady} and {@link #checkTimeout}. */
    void start(Selector selector) {
        this.selector = selector;
        sendNext();
    }

    boolean finished() {
        return finished;
    }

    /** The selector found this connection's channel ready for what it waits for. */
    void onReady() {
        boolean answered;
        try {
            answered = progress();
        } catch (IOException e) {
            failRequest();
            return;
        }
        if (answered) {
            if (parser.closeAfter()) {
                closeChannel();
            }
            completeRequest(parser.status());
        }
    }

    /** Fails the request in flight if it has waited longer than the timeout. */
    void checkTimeout(long now) {
        if (inFlight && now - sentAt > timeoutNanos) {
            failRequest();
        }
    }

    /** Connects, writes or reads, whichever the channel was waiting for; returns whether the answer is complete. */
    private boolean progress() throws IOException {
        if (key.isConnectable()) {
            if (channel.finishConnect()) {
                write();
            }
            return false;
        }
        if (key.isWritable()) {
            write();
            return false;
        }
        return key.isReadable() && read();
    }

    /** Sends the next report, or finishes once the run's time is up; a request that cannot even be sent fails at once. */
    private void sendNext() {
        while (true) {
            long now = System.nanoTime();
            if (now >= end || agents.isEmpty()) {
                closeChannel();
                finished = true;
                return;
            }
            int agent = nextAgent;
            nextAgent = (nextAgent + 1) % agents.size();
            SimulatedAgent a = agents.get(agent);
            byte[] body = reports.jsonBytes(a.serverId, a.nextTimestamp());
            request = encoder.encode(request, tokens[agent], body);
            sentAt = System.nanoTime();
            inFlight = true;
            try {
                if (channel == null) {
                    open();
                } else {
                    write();
                }
                return;
            } catch (IOException e) {
                closeChannel();
                outcomes.record(sentAt, System.nanoTime(), RequestOutcomes.NO_ANSWER);
                inFlight = false;
                // and on to the next agent's report, as a blocking worker does after a failed post
            }
        }
    }

    private void open() throws IOException {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        boolean connected = channel.connect(address);
        key = channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, this);
        if (connected) {
            write();
        }
    }

    /** Writes what the socket takes; waits for OP_WRITE if that is not all, else for the answer. */
    private void write() throws IOException {
        channel.write(request);
        if (request.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
        } else {
            parser.reset();
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Reads what has arrived into the parser; returns whether the answer is complete. */
    private boolean read() throws IOException {
        while (true) {
            int n = channel.read(answer);
            if (n < 0) {
                throw new EOFException("the connection closed before the answer was complete");
            }
            boolean filled = !answer.hasRemaining();
            answer.flip();
            boolean complete = parser.feed(answer);
            // One request is in flight, so bytes after its answer are none the server should have
            // sent: the connection's state is unknown, and it is closed after this answer.
            boolean trailingBytes = answer.hasRemaining();
            answer.clear();
            if (complete) {
                if (trailingBytes) {
                    closeChannel();
                }
                return true;
            }
            if (!filled) {
                return false; // all there was: wait for the selector rather than read 0 bytes
            }
        }
    }

    private void completeRequest(int status) {
        outcomes.record(sentAt, System.nanoTime(), status);
        inFlight = false;
        sendNext();
    }

    private void failRequest() {
        closeChannel();
        completeRequest(RequestOutcomes.NO_ANSWER);
    }

    private void closeChannel() {
        answer.clear(); // what a failed read left there belongs to no later answer
        if (channel != null) {
            if (key != null) {
                key.cancel();
            }
            try {
                channel.close();
            } catch (IOException e) {
                // closing a broken connection: nothing more to do
            }
            channel = null;
            key = null;
        }
    }
}
