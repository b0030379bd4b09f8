package io.healthmon.server.persistence.jpa;

import java.util.logging.Logger;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Lets the persistence unit deploy while PostgreSQL is unreachable, so that the server and its
 * database can be started in either order. EclipseLink connects once when it logs in, to check the
 * data source, and Payara logs it in while deploying the application (Payara Micro on every start,
 * Payara Server on the first use): without this an unreachable database fails the deployment for
 * good, and a Payara Micro with no application stays up answering 503 until someone restarts it.
 * With it the application deploys, readiness stays DOWN, requests that need the database answer 503
 * with Retry-After, and {@link io.healthmon.server.persistence.schema.SchemaMigration} applies the
 * schema once the database answers. Named by {@code eclipselink.session.customizer} in persistence.xml.
 *
 * <p>It also turns off EclipseLink's own retry of a read after a connection failure (three more tries,
 * 5 s apart, by default; there is no persistence-unit property for it): a request would wait 15 s for a
 * database that is away instead of being answered 503 with Retry-After at once. Operators' reads are
 * retried briefly by {@code FleetQueries}' MicroProfile Fault Tolerance {@code @Retry}; everything else
 * is retried by its caller (agents, timers).
 */
public class LoginWithoutDatabase implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(LoginWithoutDatabase.class.getName());

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof org.eclipse.persistence.sessions.DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
        }
        // Only the container's pooling (a JTA data source) connects per call and can start unconnected.
        if (session instanceof ServerSession server && server.getLogin().shouldUseExternalConnectionPooling()) {
            try {
                ConnectionPool writes = server.getDefaultConnectionPool();
                ConnectionPool reads = server.getReadConnectionPool();
                ConnectionPool deferredWrites = new DeferredConnectionPool(writes.getName(), writes.getLogin(), server);
                ConnectionPool deferredReads = new DeferredConnectionPool(reads.getName(), reads.getLogin(), server);
                server.addConnectionPool(deferredWrites);
                server.setReadConnectionPool(deferredReads);
            } catch (LinkageError otherEclipseLink) {
                // Built against EclipseLink 4.0.7's internals: a Payara with another EclipseLink keeps its own
                // pools (and needs its database at start) rather than failing to deploy at all.
                LOG.warning("Keeping EclipseLink's own connection pools, so the database must answer at start: "
                        + otherEclipseLink);
            }
        }
    }
}
