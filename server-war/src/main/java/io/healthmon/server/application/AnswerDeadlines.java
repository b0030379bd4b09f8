package io.healthmon.server.application;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers that must come within a time limit, oldest first; a periodic {@link #sweep} fails those
 * past it. One queue and one sweep instead of {@link CompletableFuture#orTimeout} for each answer,
 * which schedules a task per request in the JDK's one delay queue and removes it when the answer
 * comes: two heap operations under that queue's single lock for every request, taken by all request
 * threads and the answer threads.
 *
 * <p>{@link #watch} may be called from any thread, {@link #sweep} from one thread at a time. An
 * answer is failed at most one sweep interval after its limit.
 */
final class AnswerDeadlines {

    private final Queue<Watched> watched = new ConcurrentLinkedQueue<>();
    private final long limitNanos;
    private final Supplier<? extends Throwable> overdue;
    private final LongSupplier nanoTime;

    /**
     * @param overdue the failure an answer past the limit completes with
     * @param nanoTime the clock, {@link System#nanoTime} outside tests
     */
    AnswerDeadlines(Duration limit, Supplier<? extends Throwable> overdue, LongSupplier nanoTime) {
        this.limitNanos = limit.toNanos();
        this.overdue = overdue;
        this.nanoTime = nanoTime;
    }

    /** Fails the answer with the overdue failure unless it completes within the limit from now. */
    void watch(CompletableFuture<?> answer) {
        watched.add(new Watched(answer, nanoTime.getAsLong()));
    }

    /**
     * Fails the answers past their limit and forgets the completed ones, from the oldest up to the
     * first that is still within its limit and not complete; returns how many it failed.
     */
    int sweep() {
        long now = nanoTime.getAsLong();
        int failed = 0;
        for (Watched oldest = watched.peek(); oldest != null; oldest = watched.peek()) {
            boolean pastLimit = now - oldest.since() >= limitNanos;
            if (!pastLimit && !oldest.answer().isDone()) {
                break;
            }
            watched.poll();
            if (pastLimit && oldest.answer().completeExceptionally(overdue.get())) {
                failed++;
            }
        }
        return failed;
    }

    /** How many answers are still held: not yet swept away. */
    int held() {
        return watched.size();
    }

    private record Watched(CompletableFuture<?> answer, long since) {
    }
}
