package io.healthmon.server.persistence.jpa;

import io.healthmon.server.domain.Silence;
import io.healthmon.server.domain.Silences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Silences, newest first; the few in force are read whole for each piece of work that needs them. */
@ApplicationScoped
public class SilenceRepository {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    public Silence add(Silence silence) {
        SilenceEntity entity = new SilenceEntity(silence);
        em.persist(entity);
        em.flush();
        return entity.toSilence();
    }

    /** Ends the silence at {@code now} (one already ended stays as it is); empty when there is no such silence. */
    public Optional<Silence> end(long id, Instant now) {
        SilenceEntity entity = em.find(SilenceEntity.class, id);
        if (entity == null) {
            return Optional.empty();
        }
        entity.endAt(UtcTimes.toUtc(now));
        em.flush();
        return Optional.of(entity.toSilence());
    }

    /** Every silence begun by {@code at} that had not ended {@code lookBack} before it (active ones included). */
    public Silences inForceOrEndedWithin(Instant at, Duration lookBack) {
        return new Silences(em.createQuery("select s from SilenceEntity s where s.startsAt <= :at and s.endsAt > :since",
                        SilenceEntity.class)
                .setParameter("at", UtcTimes.toUtc(at)).setParameter("since", UtcTimes.toUtc(at.minus(lookBack)))
                .getResultStream().map(SilenceEntity::toSilence).toList());
    }

    /** The silences active at {@code at}. */
    public Silences activeAt(Instant at) {
        return inForceOrEndedWithin(at, Duration.ZERO);
    }

    /** Silences in the given state at {@code now} (null: every state), newest first, at most {@code limit}. */
    public List<Silence> list(Silence.State state, Instant now, int limit) {
        String where = state == null ? "" : switch (state) {
            case ACTIVE -> " where s.startsAt <= :now and s.endsAt > :now";
            case PENDING -> " where s.startsAt > :now";
            case EXPIRED -> " where s.endsAt <= :now";
        };
        var query = em.createQuery("select s from SilenceEntity s" + where + " order by s.id desc", SilenceEntity.class);
        if (state != null) {
            query.setParameter("now", UtcTimes.toUtc(now));
        }
        return query.setMaxResults(limit).getResultStream().map(SilenceEntity::toSilence).toList();
    }
}
