package io.healthmon.server.application.port;

import io.healthmon.server.domain.Alert;
import io.healthmon.server.domain.AlertKind;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored alerts, as the alert engine opens, follows and resolves them. Each change is an explicit
 * command returning the alert as now stored. The engine's callers hold the server's health row locked
 * ({@link HealthStore}), so one server's alerts change in one transaction at a time.
 */
public interface AlertStore {

    /** The open alerts of these servers, by server ref (servers without one are left out). */
    Map<Long, List<Alert>> openOf(Collection<Long> serverRefs);

    /** The open alerts of one server. */
    List<Alert> openOf(long serverRef);

    /** The alerts of one server whose latest change is owed to the notifiers, oldest change first. */
    List<Alert> owed(long serverRef);

    /** Stores a new open alert: {@code notified} is false when its notice is held back. */
    Alert open(long serverRef, AlertKind kind, String subject, double value, double threshold, Instant openedAt,
               boolean notified);

    /** The latest value seen while open, and how many reports in a row were clear. */
    Alert observe(Alert alert, double latest, int clearStreak);

    /** Resolves at {@code at}, never before it opened; {@code notified} false when its resolve is owed. */
    Alert resolve(Alert alert, double latest, Instant at, boolean notified);

    /** Records that the alert's latest change has been told. */
    Alert markNotified(Alert alert);

    /** The subjects of the open alerts of one kind, by server ref. */
    Map<Long, Set<String>> openSubjects(AlertKind kind);

    /** An alert whose notice is owed, by its server and what it is about. */
    record Owed(long serverRef, String serverId, AlertKind kind, String subject) {
    }

    /** The alerts whose notice is owed, of servers that are not Down (their return tells theirs). */
    List<Owed> owedOfServersUp();

    /** An alert with the id its server reports as. */
    record OfServer(String serverId, Alert alert) {
    }

    /**
     * The alerts that are open and were told (not held back), and those resolved since {@code since},
     * each with its server's id, oldest first.
     */
    List<OfServer> toldOpenOrResolvedSince(Instant since);
}
