package io.healthmon.server.cluster;

import io.healthmon.server.application.port.SchemaState;
import io.healthmon.server.failure.DatabaseOutage;
import io.healthmon.server.logging.ThrottledLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * A timer that does one {@link Duty}: an EJB interval timer named after the duty, not persistent, on
 * every instance. A tick does the work only once the schema is applied and while this instance holds
 * the duty's lease; a failure (the database away, say) is logged at most once a minute, with when the
 * work runs again. Subclasses are {@code @Startup @Singleton} beans with bean-managed concurrency;
 * the container finds their start-up and timeout methods here.
 */
public abstract class DutyTimer {

    @Resource
    TimerService timerService;

    @Inject
    SchemaState schema;

    @Inject
    ClusterDuties duties;

    private final Duty duty;
    private final Logger log;
    /** The work in words, for the log ("Offline detection"). */
    private final String workName;
    /** With the database away the work fails every interval: a line a minute says so. */
    private final ThrottledLog failures;

    protected DutyTimer(Duty duty, Logger log, String workName) {
        this.duty = duty;
        this.log = log;
        this.workName = workName;
        this.failures = new ThrottledLog(log, Duration.ofMinutes(1), Clock.systemUTC());
    }

    /** How often the timer fires; read once, at start-up. */
    protected abstract Duration interval();

    /** The duty's work: what it does in one tick, in transactions of its own. */
    protected abstract void work() throws SQLException;

    /** Logs what a tick changed ("2 alert(s) opened"), when it changed anything: a quiet tick says nothing. */
    protected void logChanged(int count, String what) {
        if (count > 0) {
            log.info(() -> count + " " + what);
        }
    }

    /** Whether the schema is in place, so the database can be used. */
    protected boolean schemaApplied() {
        return schema.isApplied();
    }

    @PostConstruct
    void schedule() {
        long millis = interval().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig(duty.key(), false));
        log.info(() -> workName + " runs every " + interval().toSeconds() + " s on the holder of the " + duty.key() + " duty");
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!schema.isApplied() || !duties.holds(duty)) {
            return;
        }
        try {
            work();
        } catch (SQLException | RuntimeException e) {
            failures.warning("failed", () -> workName + " failed; it runs again every " + interval().toSeconds()
                    + " s. Cause: " + DatabaseOutage.describe(e));
        }
    }
}
