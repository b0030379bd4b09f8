package io.healthmon.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AnswerDeadlinesTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(42 * SECOND);
    private final AnswerDeadlines deadlines = new AnswerDeadlines(Duration.ofSeconds(30),
            () -> new SQLTransientConnectionException("not stored within 30 s"), clock::get);

    @Test
    void anAnswerNotCompleteAtItsLimitFailsWithTheOverdueFailureAndNotBefore() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        deadlines.watch(answer);

        clock.addAndGet(30 * SECOND - 1);
        assertEquals(0, deadlines.sweep());
        assertFalse(answer.isDone(), "failed before its limit");

        clock.addAndGet(1);
        assertEquals(1, deadlines.sweep());
        ExecutionException failure = assertThrows(ExecutionException.class, answer::get);
        assertInstanceOf(SQLTransientConnectionException.class, failure.getCause());
        assertEquals(0, deadlines.held());
    }

    @Test
    void anAnswerThatCameInTimeKeepsItsValueAndIsForgotten() throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        deadlines.watch(answer);
        answer.complete("stored");

        assertEquals(0, deadlines.sweep());
        assertEquals(0, deadlines.held());
        clock.addAndGet(60 * SECOND);
        assertEquals(0, deadlines.sweep());
        assertEquals("stored", answer.get());
    }

    @Test
    void aSweepStopsAtTheOldestAnswerStillWaitingAndTakesTheRestOnALaterSweep() throws Exception {
        CompletableFuture<String> oldest = new CompletableFuture<>();
        deadlines.watch(oldest);
        clock.addAndGet(10 * SECOND);
        CompletableFuture<String> answeredBehindIt = new CompletableFuture<>();
        deadlines.watch(answeredBehindIt);
        CompletableFuture<String> youngest = new CompletableFuture<>();
        deadlines.watch(youngest);
        answeredBehindIt.complete("stored");

        assertEquals(0, deadlines.sweep());
        assertEquals(3, deadlines.held(), "swept past an answer still within its limit");

        clock.addAndGet(20 * SECOND);
        assertEquals(1, deadlines.sweep());
        assertThrows(ExecutionException.class, oldest::get);
        assertSame("stored", answeredBehindIt.get(), "an answer that came in time was failed");
        assertFalse(youngest.isDone(), "failed 20 s before its limit");
        assertEquals(1, deadlines.held());

        clock.addAndGet(10 * SECOND);
        assertEquals(1, deadlines.sweep());
        assertThrows(ExecutionException.class, youngest::get);
        assertEquals(0, deadlines.held());
    }
}
