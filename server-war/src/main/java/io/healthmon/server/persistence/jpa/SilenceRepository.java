package io.healthmon.server.persistence.jpa;

import io.healthmon.server.application.port.SilenceStore;
import io.healthmon.server.domain.Silence;
import io.healthmon.server.domain.Silences;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Silences, newest first. Every group of reports needs the silences in force, so those not yet ended
 * are held in memory and read again, in one query, once they are {@link #REMEMBER} old or dropped, as
 * the thresholds are ({@link ThresholdOverrideRepository}): a new or ended silence applies at once on
 * the instance that takes it, at once on the others when the grid tells them, and within that time at
 * worst.
 */
@ApplicationScoped
public class SilenceRepository implements SilenceStore {

    public static final Duration REMEMBER = ThresholdOverrideRepository.REMEMBER;

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Clock clock;

    /** Silences not ended a little before the copy was read: every one that can be active while it is kept. */
    private final RememberedCopy<List<Silence>> notEnded = new RememberedCopy<>(REMEMBER,
            () -> inForceOrEndedWithin(clock.instant().plus(REMEMBER), REMEMBER.multipliedBy(3)).all());

    @Override
    public Silence add(Silence silence) {
        notEnded.forgetNowAndWhenDone(transactions);
        SilenceEntity entity = new SilenceEntity(silence);
        em.persist(entity);
        em.flush();
        return entity.toSilence();
    }

    @Override
    public Optional<Silence> end(long id, Instant now) {
        SilenceEntity entity = em.find(SilenceEntity.class, id);
        if (entity == null) {
            return Optional.empty();
        }
        notEnded.forgetNowAndWhenDone(transactions);
        entity.endAt(now);
        em.flush();
        return Optional.of(entity.toSilence());
    }

    @Override
    public Silences inForceOrEndedWithin(Instant at, Duration lookBack) {
        return new Silences(em.createQuery("select s from SilenceEntity s where s.startsAt <= :at and s.endsAt > :since",
                        SilenceEntity.class)
                .setParameter("at", UtcTimes.toUtc(at)).setParameter("since", UtcTimes.toUtc(at.minus(lookBack)))
                .getResultStream().map(SilenceEntity::toSilence).toList());
    }

    /** From the copy, as read up to {@link #REMEMBER} ago. */
    @Override
    public Silences activeAt(Instant at) {
        return new Silences(notEnded.get().stream().filter(s -> s.isActiveAt(at)).toList());
    }

    @Override
    public void forgetCopy() {
        notEnded.forget();
    }

    @Override
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
