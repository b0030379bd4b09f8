package io.healthmon.server.cluster;

import io.healthmon.server.application.port.ClusterLedger;
import io.healthmon.server.application.port.SchemaState;
import io.healthmon.server.failure.DatabaseOutage;
import io.healthmon.server.logging.ThrottledLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Decides which instance does each {@link Duty}: every {@link #TICK} each instance stamps its heartbeat
 * and takes or renews each duty's lease of {@link #LEASE} in PostgreSQL, which survives a restart of
 * the whole cluster and cannot split in two. A duty's work asks {@link #holds} first. When a holder
 * dies, its leases run out and the next tick of another instance takes them: a duty is picked up
 * again within {@code LEASE + TICK} of its holder's death, and its next run follows within its own
 * period. A clean stop gives the leases back at once.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterDuties {

    /** Three statements per instance each tick: cheap enough to keep a dead holder's duties idle briefly. */
    public static final Duration TICK = Duration.ofSeconds(5);
    public static final Duration LEASE = Duration.ofSeconds(15);
    /** A lease counts here until this long before it ends, so a slow tick never leaves two holders. */
    private static final Duration MARGIN = Duration.ofSeconds(3);
    /** Instances silent this long leave the operator's view. */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final Logger LOG = Logger.getLogger(ClusterDuties.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    ClusterLedger tables;

    @Inject
    Grid grid;

    @Inject
    SchemaState schema;

    private final Instant startedAt = Instant.now();
    /** Until when (System.nanoTime) this instance may act on each duty it holds. */
    private final Map<Duty, Long> heldUntil = new EnumMap<>(Duty.class);
    private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    @PostConstruct
    void schedule() {
        timerService.createIntervalTimer(TICK.toMillis(), TICK.toMillis(), new TimerConfig("cluster-duties", false));
    }

    /** The first tick as soon as the tables exist, so a fresh cluster has its duties held at once. */
    public void onSchemaApplied(@Observes SchemaState.Applied event) {
        tick(); // not asking SchemaState: the migration fires this from its own start-up, and would refuse the call
    }

    /** Whether this instance holds the duty's lease now; its work runs only if so. */
    public synchronized boolean holds(Duty duty) {
        Long until = heldUntil.get(duty);
        return until != null && System.nanoTime() - until < 0;
    }

    @Timeout
    void onTimer() {
        if (schema.isApplied()) {
            tick();
        }
    }

    private void tick() {
        String me = grid.thisInstance();
        try {
            tables.heartbeat(me, grid.thisAddress(), startedAt);
            for (Duty duty : Duty.values()) {
                long asked = System.nanoTime();
                Optional<Instant> held = tables.hold(duty.key(), me, LEASE);
                record(duty, held.isPresent() ? asked + LEASE.minus(MARGIN).toNanos() : null);
            }
            tables.forgetInstancesSilentFor(FORGET_AFTER);
        } catch (SQLException | RuntimeException e) {
            failures.warning("tick", () -> "Could not renew this instance's cluster duties; another instance takes"
                    + " them over once their leases run out. Cause: " + DatabaseOutage.describe(e));
        }
    }

    private synchronized void record(Duty duty, Long until) {
        boolean had = holds(duty);
        if (until == null) {
            heldUntil.remove(duty);
        } else {
            heldUntil.put(duty, until);
        }
        if (had != (until != null)) {
            LOG.info("Instance " + grid.thisInstance() + (had ? " no longer holds " : " now holds ") + "the duty " + duty.key());
        }
    }

    @PreDestroy
    void giveBack() {
        for (Duty duty : Duty.values()) {
            if (holds(duty)) {
                try {
                    tables.release(duty.key(), grid.thisInstance());
                } catch (SQLException | RuntimeException e) {
                    LOG.info("Could not give back the duty " + duty.key() + "; its lease runs out within "
                            + LEASE.toSeconds() + " s. Cause: " + DatabaseOutage.describe(e));
                }
            }
        }
    }
}
