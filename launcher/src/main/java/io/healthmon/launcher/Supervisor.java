package io.healthmon.launcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps the embedded run's parts running once all have started: a part whose process ends on its own
 * is started again after the {@link RestartPolicy}'s delay, each restart said on the terminal; a part
 * that fails too often is given up, and {@link #run} returns so that the launcher stops everything.
 * Parts are restarted one at a time, each on its own: the others keep running (the server answers 503
 * while its database is away; the agent keeps unsent reports in its spool while the server is away).
 */
final class Supervisor {

    /** One supervised process. */
    interface Part {
        /** For the terminal: "the server". */
        String name();

        /** The process running now; it exiting is what the supervisor watches for. */
        ProcessHandle running();

        /** How the last process ended, for the terminal: "exited with status 137". */
        String howItEnded();

        /** Starts the part again and returns once it is ready; throws, naming the cause, when it did not become ready. */
        void restart() throws Exception;

        /** The end of its log, shown when the supervisor gives up on it. */
        String logTail();
    }

    private final List<Part> parts;
    private final RestartPolicy policy;
    private final Clock clock;
    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    private final Map<Part, Deque<Instant>> failures = new IdentityHashMap<>();

    Supervisor(List<Part> parts, RestartPolicy policy, Clock clock) {
        this.parts = List.copyOf(parts);
        this.policy = policy;
        this.clock = clock;
    }

    /** Ends {@link #run} (Ctrl-C or SIGTERM): a part exiting from now on is being stopped, not failing. */
    void requestStop() {
        stopRequested.complete(null);
    }

    /** Supervises until {@link #requestStop} (0) or until a part is given up (1). */
    int run() {
        while (true) {
            CompletableFuture<?>[] ends = new CompletableFuture<?>[parts.size() + 1];
            for (int i = 0; i < parts.size(); i++) {
                ends[i] = parts.get(i).running().onExit();
            }
            ends[parts.size()] = stopRequested;
            CompletableFuture.anyOf(ends).join();
            for (Part part : parts) {
                if (stopRequested.isDone()) {
                    return 0;
                }
                if (!part.running().isAlive() && !revive(part)) {
                    return 1;
                }
            }
        }
    }

    /** Restarts a part that ended until it is ready again; false when the policy gives it up. */
    private boolean revive(Part part) {
        String cause = part.howItEnded();
        while (true) {
            int inWindow = recordFailure(part);
            Optional<Duration> delay = policy.delayAfter(inWindow);
            if (delay.isEmpty()) {
                Console.say(part.name() + " " + cause + ", its failure " + inWindow + " within "
                        + minutes(policy.window()) + "; giving up on it after " + policy.maxRestarts()
                        + " restarts and stopping healthmon. The end of its log:\n" + part.logTail());
                return false;
            }
            Console.say(part.name() + " " + cause + "; restarting it in " + seconds(delay.get())
                    + " (failure " + inWindow + " within " + minutes(policy.window()) + "; healthmon gives up after "
                    + policy.maxRestarts() + " restarts in that time)");
            if (stopsWithin(delay.get())) {
                return true;
            }
            Instant began = clock.instant();
            try {
                part.restart();
                Console.say(part.name() + " is running again (restart took " + seconds(Duration.between(began, clock.instant())) + ")");
                return true;
            } catch (Exception e) {
                if (stopRequested.isDone()) {
                    return true;
                }
                cause = "did not come back: " + e.getMessage();
            }
        }
    }

    private int recordFailure(Part part) {
        Deque<Instant> history = failures.computeIfAbsent(part, p -> new ArrayDeque<>());
        Instant now = clock.instant();
        history.addLast(now);
        while (history.peekFirst().isBefore(now.minus(policy.window()))) {
            history.removeFirst();
        }
        return history.size();
    }

    /** Waits out the delay; true when a stop was requested meanwhile. */
    private boolean stopsWithin(Duration delay) {
        try {
            stopRequested.get(delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes" : seconds(d);
    }
}
