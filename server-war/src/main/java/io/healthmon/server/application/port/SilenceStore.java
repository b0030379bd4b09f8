package io.healthmon.server.application.port;

import io.healthmon.server.domain.Silence;
import io.healthmon.server.domain.Silences;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The silences operators set. Every group of reports needs the active ones, so an implementation may
 * keep a copy for a few seconds ({@link #activeAt}); a change made here drops it when it commits, and
 * {@link #forgetCopy} drops it when another instance made the change.
 */
public interface SilenceStore {

    /** Stores a new silence; the answer carries its id. */
    Silence add(Silence silence);

    /** Ends the silence at {@code now} (one already ended stays as it is); empty when there is no such silence. */
    Optional<Silence> end(long id, Instant now);

    /** Every silence begun by {@code at} that had not ended {@code lookBack} before it (active ones included). */
    Silences inForceOrEndedWithin(Instant at, Duration lookBack);

    /** The silences active at {@code at}, possibly from the copy. */
    Silences activeAt(Instant at);

    /** Silences in the given state at {@code now} (null: every state), newest first, at most {@code limit}. */
    List<Silence> list(Silence.State state, Instant now, int limit);

    /** Drops the copy: the next group of reports reads the silences again. */
    void forgetCopy();
}
