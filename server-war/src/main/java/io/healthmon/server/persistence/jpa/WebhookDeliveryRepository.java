package io.healthmon.server.persistence.jpa;

import io.healthmon.server.application.port.WebhookDeliveryLease;
import io.healthmon.server.application.port.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The webhook outbox: its rows, their leases and their results. Callers provide the transaction. */
@ApplicationScoped
public class WebhookDeliveryRepository implements WebhookOutbox {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    @Override
    public void add(UUID eventId, long alertRef, String eventType, String receiver, String payload, Instant now) {
        em.persist(new WebhookDeliveryEntity(eventId, alertRef, eventType, receiver, payload, now));
    }

    @Override
    public List<WebhookDeliveryLease> claimDue(String receiver, Instant now, int limit, UUID token, Instant leasedUntil) {
        List<?> rows = em.createNativeQuery("with due as (select d.id from webhook_deliveries d"
                        + " where d.state = 'PENDING' and d.receiver = ?1 and d.next_attempt_at <= ?2"
                        + " and (d.leased_until is null or d.leased_until <= ?2)"
                        + " and not exists (select 1 from webhook_deliveries e where e.state = 'PENDING'"
                        + " and e.alert_ref = d.alert_ref and e.receiver = d.receiver and e.id < d.id)"
                        + " order by d.next_attempt_at, d.id limit ?3 for update of d skip locked)"
                        + " update webhook_deliveries w set leased_until = ?4, lease_token = ?5 from due"
                        + " where w.id = due.id returning w.id, w.event_id, w.payload, w.attempts")
                .setParameter(1, receiver).setParameter(2, UtcTimes.toUtc(now)).setParameter(3, limit)
                .setParameter(4, UtcTimes.toUtc(leasedUntil)).setParameter(5, token)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new WebhookDeliveryLease(((Number) r[0]).longValue(), uuid(r[1]), receiver, (String) r[2],
                        ((Number) r[3]).intValue(), token, leasedUntil))
                .sorted(Comparator.comparingLong(WebhookDeliveryLease::id))
                .toList();
    }

    @Override
    public List<String> receiversWithDue(Instant now) {
        return em.createNativeQuery("select distinct d.receiver from webhook_deliveries d"
                        + " where d.state = 'PENDING' and d.next_attempt_at <= ?1"
                        + " and (d.leased_until is null or d.leased_until <= ?1)")
                .setParameter(1, UtcTimes.toUtc(now)).getResultList().stream().map(String.class::cast).toList();
    }

    @Override
    public boolean recordDelivered(WebhookDeliveryLease lease, Instant at) {
        return em.createNativeQuery("update webhook_deliveries set state = 'DELIVERED', attempts = attempts + 1,"
                        + " delivered_at = ?1, last_error = null, leased_until = null, lease_token = null"
                        + " where id = ?2 and lease_token = ?3")
                .setParameter(1, UtcTimes.toUtc(at)).setParameter(2, lease.id()).setParameter(3, lease.token())
                .executeUpdate() == 1;
    }

    @Override
    public boolean recordFailed(WebhookDeliveryLease lease, String error, Optional<Instant> next) {
        // The next attempt goes last, so both statements number their parameters without a gap.
        String outcome = next.isPresent() ? "next_attempt_at = ?4" : "state = 'FAILED'";
        var update = em.createNativeQuery("update webhook_deliveries set attempts = attempts + 1, last_error = ?1, "
                        + outcome + ", leased_until = null, lease_token = null where id = ?2 and lease_token = ?3")
                .setParameter(1, error).setParameter(2, lease.id()).setParameter(3, lease.token());
        next.ifPresent(at -> update.setParameter(4, UtcTimes.toUtc(at)));
        return update.executeUpdate() == 1;
    }

    @Override
    public int release(UUID token) {
        return em.createNativeQuery("update webhook_deliveries set leased_until = null, lease_token = null"
                        + " where lease_token = ?1")
                .setParameter(1, token).executeUpdate();
    }

    private static UUID uuid(Object value) {
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    /** Every delivery of the given alerts, by alert, in the order they were written. */
    public Map<Long, List<WebhookDeliveryEntity>> forAlerts(Collection<Long> alertIds) {
        if (alertIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select d from WebhookDeliveryEntity d where d.alertRef in :ids order by d.id",
                        WebhookDeliveryEntity.class)
                .setParameter("ids", alertIds).getResultStream()
                .collect(Collectors.groupingBy(WebhookDeliveryEntity::getAlertRef));
    }
}
