package io.healthmon.server.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The webhook outbox. Callers provide the transaction. */
@ApplicationScoped
public class WebhookDeliveryRepository {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    public void add(WebhookDeliveryEntity delivery) {
        em.persist(delivery);
    }

    /**
     * The next delivery due, locked for this transaction; rows another server instance is sending are
     * skipped. A receiver gets an alert's notices in order: a notice waits while an earlier one for
     * the same alert and receiver is still pending.
     */
    public Optional<WebhookDeliveryEntity> lockNextDue(OffsetDateTime now) {
        List<?> ids = em.createNativeQuery("select d.id from webhook_deliveries d"
                        + " where d.state = 'PENDING' and d.next_attempt_at <= ?1"
                        + " and not exists (select 1 from webhook_deliveries e where e.state = 'PENDING'"
                        + " and e.alert_ref = d.alert_ref and e.receiver = d.receiver and e.id < d.id)"
                        + " order by d.next_attempt_at, d.id limit 1 for update of d skip locked")
                .setParameter(1, now).getResultList();
        return ids.stream().findFirst().map(id -> em.find(WebhookDeliveryEntity.class, ((Number) id).longValue()));
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
