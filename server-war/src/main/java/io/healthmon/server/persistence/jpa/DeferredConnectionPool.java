package io.healthmon.server.persistence.jpa;

import io.healthmon.server.failure.DatabaseOutage;
import java.util.logging.Logger;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.internal.databaseaccess.Accessor;
import org.eclipse.persistence.internal.databaseaccess.DatabaseAccessor;
import org.eclipse.persistence.internal.databaseaccess.DatasourcePlatform;
import org.eclipse.persistence.sessions.Login;
import org.eclipse.persistence.sessions.server.ExternalConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * EclipseLink's pool over the container's data source, which may start while the database is away.
 * EclipseLink's own pool connects once at start-up only to check the data source; afterwards every
 * accessor it hands out is a copy of that checked one and takes a connection from the container's
 * pool for each call or transaction. When that first connection fails because the database is away
 * ({@link DatabaseOutage#isUnreachable}; not when it refuses the server), this pool keeps an accessor
 * that knows its login but has never connected: its copies connect on their first call, as the
 * checked one's would, and fail there (a 503 to the caller) for as long as the database is away.
 */
final class DeferredConnectionPool extends ExternalConnectionPool {

    private static final Logger LOG = Logger.getLogger(DeferredConnectionPool.class.getName());

    DeferredConnectionPool(String name, Login login, ServerSession owner) {
        super(name, login, owner);
    }

    @Override
    public synchronized void startUp() {
        // Probed first: EclipseLink's own start-up logs a failed connection as SEVERE with its stack trace.
        DatabaseException failure = probe();
        if (failure == null || !DatabaseOutage.isUnreachable(failure)
                || getLogin().buildAccessor().getClass() != DatabaseAccessor.class) {
            // As EclipseLink does it; so a database that refuses the server (a wrong password) fails the
            // start, naming the cause, as does a login this class does not know how to defer.
            super.startUp();
            return;
        }
        Accessor unconnected;
        try {
            unconnected = new UnconnectedAccessor(getLogin(),
                    (DatasourcePlatform) owner.getDatasourceLogin().getDatasourcePlatform());
        } catch (LinkageError otherEclipseLink) {
            super.startUp(); // EclipseLink's internals differ from 4.0.7's: fail the start as EclipseLink would
            return;
        }
        unconnected.setPool(this);
        setCachedConnection(unconnected);
        setIsConnected(true);
        LOG.warning("The database did not answer while the persistence unit started (pool " + getName() + ": "
                + DatabaseOutage.describe(failure) + "); starting without it: each use connects when it comes, and answers 503"
                + " until then");
    }

    /** Null when a connection could be had from the container's pool; it is given back at once. */
    private DatabaseException probe() {
        try {
            Object connection = getLogin().connectToDatasource(null, owner);
            if (connection instanceof AutoCloseable closeable) {
                closeable.close();
            }
            return null;
        } catch (DatabaseException e) {
            return e;
        } catch (Exception closing) {
            return null; // it connected; the real start-up below will say if something is wrong
        }
    }

    /** What EclipseLink's connect sets on an accessor, without the connection (setLogin is protected). */
    private static final class UnconnectedAccessor extends DatabaseAccessor {
        UnconnectedAccessor(Login login, DatasourcePlatform platform) {
            setLogin(login);
            setDatasourcePlatform(platform);
        }
    }
}
