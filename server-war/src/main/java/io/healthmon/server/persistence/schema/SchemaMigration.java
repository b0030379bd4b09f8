package io.healthmon.server.persistence.schema;

import io.healthmon.server.application.port.SchemaState;
import io.healthmon.server.failure.DatabaseOutage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Applies the Liquibase changelog at start-up. When the database is unreachable the server still
 * starts (readiness DOWN) and retries every {@value #RETRY_SECONDS} seconds, so an operator can start
 * the server and the database in either order. Instances of a cluster that start together take turns
 * under a session advisory lock, which PostgreSQL lets go when its holder's connection ends: so an
 * instance killed while migrating leaves no lock behind, and Liquibase's own lock row, found set by
 * whoever holds the advisory lock, can only be such a dead instance's and is cleared.
 */
@Startup
@Singleton
@Local(SchemaState.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration implements SchemaState {

    public static final String CHANGELOG = "db/changelog/healthmon-changelog.xml";
    static final int RETRY_SECONDS = 10;
    static final int TURN_WAIT_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/healthmon")
    DataSource dataSource;

    @Resource
    TimerService timerService;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Event<SchemaState.Applied> applied;

    private volatile boolean done;
    private volatile boolean attempted;

    @PostConstruct
    void migrateAtStartup() {
        if (!migrate()) {
            timerService.createIntervalTimer(RETRY_SECONDS * 1000L, RETRY_SECONDS * 1000L,
                    new TimerConfig("schema-migration-retry", false));
        }
    }

    @Timeout
    void retry(Timer timer) {
        if (migrate()) {
            timer.cancel();
        }
    }

    @Override
    public boolean isApplied() {
        return done;
    }

    @Override
    public boolean isAttempted() {
        return attempted;
    }

    private synchronized boolean migrate() {
        if (done) {
            return true;
        }
        try {
            applyOnItsOwnThread();
            done = true;
            LOG.info("Database schema is up to date (changelog " + CHANGELOG + ")");
            applied.fire(new SchemaState.Applied());
            return true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Database schema could not be applied; readiness stays DOWN and the server"
                    + " tries again in " + RETRY_SECONDS + " s. Cause: " + DatabaseOutage.describe(e));
            LOG.log(Level.FINE, "Schema migration failure", e);
            return false;
        } finally {
            attempted = true;
        }
    }

    /**
     * Liquibase keeps its scope in a thread-local it never clears. On a thread of its own it goes away
     * with the thread; on the container's deploy or timer threads Payara Server reports it as a SEVERE
     * leak when the application stops.
     */
    private void applyOnItsOwnThread() throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = threads.newThread(() -> {
            try {
                apply();
            } catch (Exception e) {
                failure.set(e);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void apply() throws Exception {
        ClassLoader loader = SchemaMigration.class.getClassLoader();
        try (Connection connection = dataSource.getConnection()) {
            takeTurn(connection);
            try {
                update(connection, loader);
            } finally {
                // The pool keeps the connection, and a session lock with it: a failed update's transaction
                // is rolled back first, or the unlock itself would be refused.
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                sql(connection, "select pg_advisory_unlock(hashtext('healthmon-schema-migration'))");
            }
        }
    }

    /**
     * Waits, at most {@value #TURN_WAIT_SECONDS} s, for another instance's migration, then clears a dead
     * instance's Liquibase lock.
     */
    private static void takeTurn(Connection connection) throws SQLException {
        sql(connection, "set lock_timeout = '" + TURN_WAIT_SECONDS + "s'");
        try {
            sql(connection, "select pg_advisory_lock(hashtext('healthmon-schema-migration'))");
        } finally {
            sql(connection, "reset lock_timeout");
        }
        sql(connection, "do $$ begin if to_regclass('databasechangeloglock') is not null then"
                + " update databasechangeloglock set locked = false, lockgranted = null, lockedby = null where locked;"
                + " end if; end $$");
    }

    private static void sql(Connection connection, String statement) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private static void update(Connection connection, ClassLoader loader) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(loader),
                Scope.Attr.classLoader.name(), loader);
        Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                .execute());
    }
}
