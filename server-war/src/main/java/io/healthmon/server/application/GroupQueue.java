package io.healthmon.server.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue that ingest writers take their groups from. One writer stores at a time while it keeps
 * up: a writer with requests waiting lets more gather behind them while another writer is storing, and
 * takes its group when that one is done, or once the oldest waiting request has waited the relief
 * time. Groups are then as large as with a single writer, which is what makes them cheap, while a
 * writer held up (a lock wait, a slow commit) or a load one writer cannot carry brings in the next.
 *
 * <p>A writer calls {@link #take} for a group and {@link #done} once it is stored.
 */
final class GroupQueue<T> {

    private final BlockingQueue<Queued<T>> queue = new LinkedBlockingQueue<>();
    private final int maxGroup;
    private final long reliefAfterNanos;
    /** Held by the one writer that gathers the next group, so that a group is never split between two. */
    private final ReentrantLock gathering = new ReentrantLock();
    private final ReentrantLock turn = new ReentrantLock();
    private final Condition writerDone = turn.newCondition();
    /** Groups taken and not yet done; guarded by {@link #turn}. */
    private int storing;

    GroupQueue(int maxGroup, Duration reliefAfter) {
        this.maxGroup = maxGroup;
        this.reliefAfterNanos = reliefAfter.toNanos();
    }

    void add(T item) {
        queue.add(new Queued<>(item, System.nanoTime()));
    }

    /** Items waiting for a writer. */
    int waiting() {
        return queue.size();
    }

    /**
     * The next group, oldest first, of at most the maximum size: empty when nothing came within the
     * timeout. A group returned counts as being stored until {@link #done}.
     */
    List<T> take(long timeout, TimeUnit unit) throws InterruptedException {
        gathering.lockInterruptibly();
        try {
            Queued<T> first = queue.poll(timeout, unit);
            if (first == null) {
                return List.of();
            }
            awaitTurn(first.queuedAt() + reliefAfterNanos);
            List<Queued<T>> rest = new ArrayList<>();
            queue.drainTo(rest, maxGroup - 1);
            List<T> group = new ArrayList<>(rest.size() + 1);
            group.add(first.item());
            rest.forEach(q -> group.add(q.item()));
            return group;
        } finally {
            gathering.unlock();
        }
    }

    /** The group taken last by this writer is stored (or failed): the next writer may take one. */
    void done() {
        turn.lock();
        try {
            storing--;
            writerDone.signal();
        } finally {
            turn.unlock();
        }
    }

    /** Waits while another group is being stored, until it is done or the deadline; then counts one more. */
    private void awaitTurn(long deadline) throws InterruptedException {
        turn.lock();
        try {
            long left = deadline - System.nanoTime();
            while (storing > 0 && left > 0) {
                left = writerDone.awaitNanos(left);
            }
            storing++;
        } finally {
            turn.unlock();
        }
    }

    /** @param queuedAt {@link System#nanoTime()} when it was added */
    private record Queued<T>(T item, long queuedAt) {
    }
}
