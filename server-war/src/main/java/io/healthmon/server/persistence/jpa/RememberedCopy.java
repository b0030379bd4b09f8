package io.healthmon.server.persistence.jpa;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A small table held in memory for the reports that each need it, read again in one query once it is
 * {@code remember} old or dropped. The instance that changes the table drops its copy now and again
 * when the change's transaction ends (a report stored meanwhile may have read the table before the
 * change committed); the others drop theirs when the grid tells them, and otherwise within
 * {@code remember} at worst.
 */
final class RememberedCopy<T> {

    private final Duration remember;
    private final Supplier<T> read;
    private volatile Held<T> held;

    RememberedCopy(Duration remember, Supplier<T> read) {
        this.remember = remember;
        this.read = read;
    }

    /** The copy, read again when it is too old or was dropped; the caller provides the transaction. */
    T get() {
        Held<T> h = held;
        if (h != null && h.fresh(remember)) {
            return h.value();
        }
        synchronized (this) {
            h = held;
            if (h == null || !h.fresh(remember)) {
                long readAt = System.nanoTime();
                h = new Held<>(read.get(), readAt);
                held = h;
            }
            return h.value();
        }
    }

    /** Drops the copy: the next use reads the table again. */
    void forget() {
        held = null;
    }

    /** Drops the copy now and again once the current transaction ends, whichever way it ends. */
    void forgetNowAndWhenDone(TransactionSynchronizationRegistry transactions) {
        held = null;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                held = null;
            }
        });
    }

    private record Held<T>(T value, long readAt) {
        boolean fresh(Duration remember) {
            return System.nanoTime() - readAt < remember.toNanos();
        }
    }
}
