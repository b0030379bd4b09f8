package io.healthmon.server.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An operator's silence: from {@code startsAt} until {@code endsAt}, alerts it covers are recorded and
 * shown but not notified. It names one server or a {@link ServerPattern}; {@code kinds} empty means
 * every kind; {@code subject} null means every mountpoint and unit (an offline alert has none, so a
 * silence with a subject never covers it). A silence that covers a server's offline alert is a
 * maintenance window: the server is not marked Down while it lasts.
 */
public record Silence(
        long id,
        String server,
        ServerPattern serverPattern,
        Set<AlertKind> kinds,
        String subject,
        Instant startsAt,
        Instant endsAt,
        String comment,
        String createdBy,
        Instant createdAt) {

    /** Where a silence is in its life at an instant. */
    public enum State { PENDING, ACTIVE, EXPIRED }

    public Silence {
        if ((server == null) == (serverPattern == null)) {
            throw new IllegalArgumentException("a silence names one server or one pattern");
        }
        kinds = Set.copyOf(kinds);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException("a silence ends at or after its start");
        }
    }

    /** Pending before its start, active from its start until (not including) its end, then expired. */
    public State stateAt(Instant at) {
        if (at.isBefore(startsAt)) {
            return State.PENDING;
        }
        return at.isBefore(endsAt) ? State.ACTIVE : State.EXPIRED;
    }

    public boolean isActiveAt(Instant at) {
        return stateAt(at) == State.ACTIVE;
    }

    /** Whether it names this server, whatever the time. */
    public boolean appliesTo(String serverId) {
        return server != null ? server.equals(serverId) : serverPattern.matches(serverId);
    }

    /** Whether it would cover such an alert of this server while active, whatever the time. */
    public boolean matches(String serverId, AlertKind kind, String alertSubject) {
        return appliesTo(serverId) && (kinds.isEmpty() || kinds.contains(kind))
                && (subject == null || subject.equals(alertSubject));
    }

    /** Whether it holds back notices about such an alert of this server at {@code at}. */
    public boolean covers(String serverId, AlertKind kind, String alertSubject, Instant at) {
        return isActiveAt(at) && matches(serverId, kind, alertSubject);
    }

    /** Whether it is a maintenance window of this server: it covers the server's offline alert. */
    public boolean isMaintenanceOf(String serverId) {
        return matches(serverId, AlertKind.SERVER_OFFLINE, "");
    }
}
