package io.healthmon.server.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The silences in force, or lately ended, as read once for a piece of work (a group of reports, an
 * offline check, a page of alerts): which cover an alert, and what they mean for a server's offline
 * timeout.
 */
public record Silences(List<Silence> all) {

    public static final Silences NONE = new Silences(List.of());

    public Silences {
        all = List.copyOf(all);
    }

    /** The ids of the silences covering such an alert at {@code at}, lowest first; empty when none. */
    public List<Long> covering(String serverId, AlertKind kind, String subject, Instant at) {
        return all.stream().filter(s -> s.covers(serverId, kind, subject, at)).map(Silence::id).sorted().toList();
    }

    public boolean cover(String serverId, AlertKind kind, String subject, Instant at) {
        return all.stream().anyMatch(s -> s.covers(serverId, kind, subject, at));
    }

    /** The silences active at {@code at} that name this server, whatever they cover. */
    public List<Silence> activeFor(String serverId, Instant at) {
        return all.stream().filter(s -> s.isActiveAt(at) && s.appliesTo(serverId)).toList();
    }

    /** Whether the server is in a maintenance window at {@code at}. */
    public boolean underMaintenance(String serverId, Instant at) {
        return all.stream().anyMatch(s -> s.isActiveAt(at) && s.isMaintenanceOf(serverId));
    }

    /**
     * Whether a server last heard from at {@code lastSeen} counts as offline at {@code at}: silent for
     * longer than {@code timeout}, counted from the later of {@code lastSeen} and the end of its latest
     * maintenance window, and not in one now. An agent stopped for maintenance gets the whole timeout
     * after the window to come back.
     */
    public boolean offline(String serverId, Instant lastSeen, Duration timeout, Instant at) {
        if (underMaintenance(serverId, at)) {
            return false;
        }
        Instant countFrom = lastSeen;
        for (Silence s : all) {
            if (s.isMaintenanceOf(serverId) && !s.startsAt().isAfter(at) && s.endsAt().isAfter(countFrom)) {
                countFrom = s.endsAt();
            }
        }
        return Duration.between(countFrom, at).compareTo(timeout) > 0;
    }
}
