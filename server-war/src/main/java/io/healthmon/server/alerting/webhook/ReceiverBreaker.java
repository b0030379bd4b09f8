package io.healthmon.server.alerting.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One receiver's circuit breaker: after {@code failuresToOpen} calls in a row left unanswered it opens,
 * and its lane calls nobody for {@code openFor}; then one trial call closes it again or reopens it.
 * While it is open the receiver's deliveries simply wait, unattempted, so an outage spends none of
 * their attempts. A receiver that answers, even with an error status, keeps it closed: it is alive,
 * and the redelivery schedule paces it.
 *
 * <p>Written here rather than taken from MicroProfile Fault Tolerance because each receiver needs its
 * own breaker, and {@code @CircuitBreaker} keeps one state per bean class and method (Payara 6 keys it
 * by target class and method, so even a bean instance per receiver would share it), while the
 * receivers are configuration, not classes; Fault Tolerance 4.0 has no programmatic API to create one
 * per key. One shared breaker would be the defect this replaces: a dead receiver stopping all others.
 */
final class ReceiverBreaker {

    private final int failuresToOpen;
    private final Duration openFor;
    private int unansweredInARow;
    private Instant openUntil;

    ReceiverBreaker(int failuresToOpen, Duration openFor) {
        this.failuresToOpen = failuresToOpen;
        this.openFor = openFor;
    }

    /** Closed, or open long enough that a trial call is due. */
    synchronized boolean allowsCallAt(Instant now) {
        return openUntil == null || !now.isBefore(openUntil);
    }

    synchronized void record(boolean answered, Instant now) {
        if (answered) {
            unansweredInARow = 0;
            openUntil = null;
            return;
        }
        unansweredInARow++;
        // A failed trial reopens at once: one more unanswered call is all an open breaker allows.
        if (openUntil != null || unansweredInARow >= failuresToOpen) {
            openUntil = now.plus(openFor);
        }
    }

    /** When a trial call is due, if the breaker is open. */
    synchronized Optional<Instant> openUntil() {
        return Optional.ofNullable(openUntil);
    }
}
