package io.healthmon.server.cluster;

import io.healthmon.server.failure.DatabaseOutage;
import io.healthmon.server.logging.ThrottledLog;
import io.healthmon.server.persistence.schema.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * A {@link Duty} done every interval: a non-persistent EJB timer on every instance (the container stops
 * it with the application), whose round does the work only at the holder of the duty's lease and once
 * the schema is applied. A round that fails is tried again at the next interval, and said at most once
 * a minute, since with the database away every round fails. A subclass is a {@code @Startup @Singleton}
 * with bean-managed concurrency; its own transactions are its work's.
 */
public abstract class DutyTimer {

    @Resource
    TimerService timerService;

    @Inject
    SchemaMigration schema;

    @Inject
    ClusterDuties duties;

    private final Duty duty;
    private final Logger log;
    private final ThrottledLog failures;

    protected DutyTimer(Duty duty, Logger log) {
        this.duty = duty;
        this.log = log;
        this.failures = new ThrottledLog(log, Duration.ofMinutes(1), Clock.systemUTC());
    }

    /** How often a round runs. */
    protected abstract Duration interval();

    /** One round, at the duty's holder. */
    protected abstract void work();

    /** What a failed round did not do, for the log: "Offline detection", "Telling ...". */
    protected abstract String workName();

    /** Whether the schema is in place, so the database can be used. */
    protected boolean schemaApplied() {
        return schema.isApplied();
    }

    @PostConstruct
    void schedule() {
        long millis = interval().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig(duty.name().toLowerCase(Locale.ROOT), false));
        log.info(() -> workName() + " runs every " + interval().toSeconds() + " s at the holder of the " + duty + " duty");
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void round() {
        if (!schema.isApplied() || !duties.holds(duty)) {
            return;
        }
        try {
            work();
        } catch (RuntimeException e) {
            failures.warning("failed", () -> workName() + " failed; it runs again every " + interval().toSeconds()
                    + " s. Cause: " + DatabaseOutage.describe(e));
        }
    }
}
