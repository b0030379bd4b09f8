package io.healthmon.server.application;

import io.healthmon.server.application.port.SilenceStore;
import io.healthmon.server.domain.AlertKind;
import io.healthmon.server.domain.ServerPattern;
import io.healthmon.server.domain.Silence;
import io.healthmon.server.domain.Silences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Operators' silences: set one, list them, end one early. Each expires by itself at its end; the
 * notices it held back are then told by {@link SilenceEnds}.
 */
@ApplicationScoped
@Transactional
public class SilenceService {

    /** How far ahead a silence may end: a longer one is more likely forgotten than meant. */
    public static final Duration MAX_AHEAD = Duration.ofDays(90);
    /** At most this many silences in one list. */
    public static final int MAX_LISTED = 500;

    @Inject
    SilenceStore silences;

    @Inject
    Clock clock;

    @Inject
    CopiedTableChanges changes;

    /** What an operator asks for; {@code startsAt} null means now, {@code kinds} empty every kind. */
    public record NewSilence(String server, String serverPattern, Set<AlertKind> kinds, String subject,
                             Instant startsAt, Instant endsAt, String comment, String createdBy) {
    }

    public Silence create(NewSilence wanted) {
        Instant now = clock.instant();
        Instant startsAt = wanted.startsAt() == null ? now : wanted.startsAt();
        List<Violation> violations = new ArrayList<>();
        if ((wanted.server() == null) == (wanted.serverPattern() == null)) {
            violations.add(new Violation("server", "give either server or server_pattern, not both"));
        }
        if (wanted.endsAt() != null) {
            if (!wanted.endsAt().isAfter(startsAt)) {
                violations.add(new Violation("ends_at", "must be after starts_at (now when absent)"));
            } else if (!wanted.endsAt().isAfter(now)) {
                violations.add(new Violation("ends_at", "must be in the future"));
            }
            if (wanted.endsAt().isAfter(now.plus(MAX_AHEAD))) {
                violations.add(new Violation("ends_at", "must be at most " + MAX_AHEAD.toDays() + " days ahead"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidSilenceException(violations);
        }
        changes.announceWhenCommitted(CopiedTableChanges.Table.SILENCES);
        return silences.add(new Silence(0, wanted.server(),
                wanted.serverPattern() == null ? null : new ServerPattern(wanted.serverPattern()),
                wanted.kinds(), wanted.subject(), startsAt, wanted.endsAt(), wanted.comment(), wanted.createdBy(), now));
    }

    /** Silences in {@code state} now (null for all), newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Silence> list(Silence.State state) {
        return silences.list(state, clock.instant(), MAX_LISTED);
    }

    /** The silences active now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Silences activeNow() {
        return silences.activeAt(clock.instant());
    }

    /** Ends the silence now; one already ended is left as it was. */
    public Silence end(long id) {
        changes.announceWhenCommitted(CopiedTableChanges.Table.SILENCES);
        return silences.end(id, clock.instant()).orElseThrow(() -> new UnknownSilenceException(id));
    }
}
