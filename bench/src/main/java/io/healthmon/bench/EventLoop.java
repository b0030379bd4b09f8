package io.healthmon.bench;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One thread driving many {@link LoopConnection}s through a {@link Selector}. On the build machine the
 * load generator shares 2 cores with the server and PostgreSQL; a blocking thread per connection costs
 * a wake-up and a context switch per request, whereas one thread here handles whichever connections
 * have answers ready at each wake-up. Runs until every connection has finished its last request.
 */
final class EventLoop implements Callable<Void> {

    /** How often requests in flight are checked against the timeout: its precision, not its length. */
    private static final long TIMEOUT_CHECK_MILLIS = 1000;

    private final List<LoopConnection> connections;

    EventLoop(List<LoopConnection> connections) {
        this.connections = List.copyOf(connections);
    }

    @Override
    public Void call() throws IOException {
        try (Selector selector = Selector.open()) {
            for (LoopConnection c : connections) {
                c.start(selector);
            }
            long nextTimeoutCheck = System.nanoTime() + TIMEOUT_CHECK_MILLIS * 1_000_000;
            while (!allFinished()) {
                selector.select(key -> ((LoopConnection) key.attachment()).onReady(), TIMEOUT_CHECK_MILLIS);
                long now = System.nanoTime();
                if (now >= nextTimeoutCheck) {
                    for (LoopConnection c : connections) {
                        c.checkTimeout(now);
                    }
                    nextTimeoutCheck = now + TIMEOUT_CHECK_MILLIS * 1_000_000;
                }
            }
        }
        return null;
    }

    private boolean allFinished() {
        for (LoopConnection c : connections) {
            if (!c.finished()) {
                return false;
            }
        }
        return true;
    }
}
