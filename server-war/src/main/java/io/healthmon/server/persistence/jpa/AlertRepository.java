package io.healthmon.server.persistence.jpa;

import io.healthmon.server.application.port.AlertHistoryReads;
import io.healthmon.server.application.port.AlertStore;
import io.healthmon.server.domain.Alert;
import io.healthmon.server.domain.AlertHistory;
import io.healthmon.server.domain.AlertKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The stored alerts: the alert engine's commands on them, and reads by state and server, newest first. */
@ApplicationScoped
public class AlertRepository implements AlertStore, AlertHistoryReads {

    @PersistenceContext(unitName = "healthmon")
    EntityManager em;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Override
    public List<Alert> openOf(long serverRef) {
        return openOf(List.of(serverRef)).getOrDefault(serverRef, List.of());
    }

    /**
     * The servers go as one array parameter: an {@code in} list is another statement for each length,
     * planned on every call (for the ingest writers, who ask for groups of every size, planning cost more
     * than running it); {@code = any} of an array is one statement, planned once per connection.
     */
    @Override
    public Map<Long, List<Alert>> openOf(Collection<Long> serverRefs) {
        Map<Long, List<Alert>> byServer = new HashMap<>();
        if (serverRefs.isEmpty()) {
            return byServer;
        }
        // The server's id comes from the row: reading it from the lazy reference could load the server.
        em.createNativeQuery("select a.* from alerts a where a.server_ref = any (cast(?1 as bigint[])) and a.state = 'OPEN'",
                        AlertEntity.WITH_SERVER_REF)
                .setParameter(1, arrayLiteral(serverRefs)).getResultList()
                .forEach(result -> {
                    Object[] row = (Object[]) result;
                    long serverRef = ((Number) row[1]).longValue();
                    byServer.computeIfAbsent(serverRef, ref -> new ArrayList<>()).add(((AlertEntity) row[0]).toAlert(serverRef));
                });
        return byServer;
    }

    /** One query over the open alerts' index, loading no entity (so those read later under the server's lock are read fresh). */
    @Override
    public Map<Long, Set<String>> openSubjects(AlertKind kind) {
        Map<Long, Set<String>> byServer = new HashMap<>();
        List<?> rows = em.createNativeQuery("select server_ref, subject from alerts where state = 'OPEN' and kind = ?1")
                .setParameter(1, kind.name()).getResultList();
        for (Object result : rows) {
            Object[] row = (Object[]) result;
            byServer.computeIfAbsent(((Number) row[0]).longValue(), ref -> new HashSet<>()).add((String) row[1]);
        }
        return byServer;
    }

    /** PostgreSQL's text form of an array of numbers, e.g. {@code {3,5,8}}. */
    static String arrayLiteral(Collection<Long> values) {
        StringBuilder out = new StringBuilder(values.size() * 8 + 2).append('{');
        for (Long value : values) {
            out.append(out.length() > 1 ? "," : "").append(value.longValue());
        }
        return out.append('}').toString();
    }

    @Override
    public List<Alert> owed(long serverRef) {
        return em.createQuery("select a from AlertEntity a where a.server.id = :ref and a.notified = false"
                        + " order by a.openedAt, a.id", AlertEntity.class).setParameter("ref", serverRef).getResultList()
                .stream().map(a -> a.toAlert(serverRef)).toList();
    }

    /** One query over the few such rows (index {@code alerts_owed}), loading no entity. */
    @Override
    public List<Owed> owedOfServersUp() {
        List<?> rows = em.createNativeQuery("select a.server_ref, s.server_id, a.kind, a.subject from alerts a"
                + " join servers s on s.id = a.server_ref where a.notified = false and not exists (select 1 from alerts o"
                + " where o.server_ref = a.server_ref and o.state = 'OPEN' and o.kind = 'SERVER_OFFLINE')").getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Owed(((Number) r[0]).longValue(), (String) r[1],
                AlertKind.valueOf((String) r[2]), (String) r[3])).toList();
    }

    @Override
    public List<OfServer> toldOpenOrResolvedSince(Instant since) {
        return em.createQuery("select a from AlertEntity a join fetch a.server where (a.state = 'OPEN' and a.notified = true)"
                        + " or (a.state = 'RESOLVED' and a.resolvedAt >= :since) order by a.id", AlertEntity.class)
                .setParameter("since", UtcTimes.toUtc(since)).getResultList().stream()
                .map(a -> new OfServer(a.getServer().getServerId(), a.toAlert(a.getServer().getId()))).toList();
    }

    /** Stores the new alert and flushes, so its id is known for the notice. */
    @Override
    public Alert open(long serverRef, AlertKind kind, String subject, double value, double threshold, Instant openedAt,
                      boolean notified) {
        AlertEntity alert = new AlertEntity(em.getReference(ServerEntity.class, serverRef), kind.name(), subject, value,
                threshold, openedAt, notified);
        em.persist(alert);
        em.flush();
        return alert.toAlert(serverRef);
    }

    // The changes below find the alert in this transaction's persistence context, where reading it put
    // it: no query. JPA writes the change at the flush.

    @Override
    public Alert observe(Alert alert, double latest, int clearStreak) {
        AlertEntity entity = managed(alert);
        entity.observe(latest, clearStreak);
        return entity.toAlert(alert.serverRef());
    }

    @Override
    public Alert resolve(Alert alert, double latest, Instant at, boolean notified) {
        AlertEntity entity = managed(alert);
        entity.resolve(latest, at, notified);
        return entity.toAlert(alert.serverRef());
    }

    @Override
    public Alert markNotified(Alert alert) {
        AlertEntity entity = managed(alert);
        entity.markNotified();
        return entity.toAlert(alert.serverRef());
    }

    private AlertEntity managed(Alert alert) {
        return em.find(AlertEntity.class, alert.id());
    }

    /** @param state OPEN, RESOLVED or null for both; @param serverId null for every server */
    private List<AlertEntity> find(String state, String serverId, int offset, int limit) {
        TypedQuery<AlertEntity> query = em.createQuery("select a from AlertEntity a join fetch a.server s"
                + where(state, serverId) + " order by a.openedAt desc, a.id desc", AlertEntity.class);
        bind(query, state, serverId);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** The page's deliveries in one more query, however many alerts it holds. */
    @Override
    public List<AlertHistory> page(String state, String serverId, int offset, int limit) {
        List<AlertEntity> page = find(state, serverId, offset, limit);
        Map<Long, List<WebhookDeliveryEntity>> sent = deliveries.forAlerts(page.stream().map(AlertEntity::getId).toList());
        return page.stream().map(alert -> alert.describe(sent.getOrDefault(alert.getId(), List.of()).stream()
                .map(WebhookDeliveryEntity::describe).toList())).toList();
    }

    @Override
    public long count(String state, String serverId) {
        TypedQuery<Long> query = em.createQuery("select count(a) from AlertEntity a join a.server s" + where(state, serverId), Long.class);
        bind(query, state, serverId);
        return query.getSingleResult();
    }

    private static String where(String state, String serverId) {
        if (state == null && serverId == null) {
            return "";
        }
        return " where " + (state != null ? "a.state = :state" : "") + (state != null && serverId != null ? " and " : "")
                + (serverId != null ? "s.serverId = :serverId" : "");
    }

    private static void bind(TypedQuery<?> query, String state, String serverId) {
        if (state != null) {
            query.setParameter("state", state);
        }
        if (serverId != null) {
            query.setParameter("serverId", serverId);
        }
    }
}
