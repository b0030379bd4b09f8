package io.healthmon.server.failure;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

/**
 * Recognises a database outage in an exception chain: a refused or lost connection, PostgreSQL's
 * connection and shutdown states, the pool failing to hand out a connection, or a commit that failed
 * in the transaction manager (its outcome unknown, so the client is told to retry).
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable e) {
        return anyInChain(e, t -> t instanceof SQLTransientConnectionException || t instanceof ConnectException
                || hasConnectionState(t) || isContainerFailure(t));
    }

    /**
     * Narrower than {@link #isCause}: the database itself is away (not running, not reachable, still
     * starting), as opposed to answering and refusing the server (a wrong password, a missing database).
     * The container's pool wraps both alike, so its wrappers do not count here.
     */
    public static boolean isUnreachable(Throwable e) {
        return anyInChain(e, t -> t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException || t instanceof SocketTimeoutException || hasConnectionState(t));
    }

    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static boolean anyInChain(Throwable e, Predicate<Throwable> test) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** 08: connection exception; 57P01..57P05: admin or crash shutdown, cannot connect now, and the like. */
    private static boolean hasConnectionState(Throwable t) {
        return t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"));
    }

    private static boolean isContainerFailure(Throwable t) {
        String name = t.getClass().getName();
        // A commit whose connection broke: the pool reports it as a failed local transaction.
        if (name.equals("jakarta.resource.spi.LocalTransactionException") || t instanceof javax.transaction.xa.XAException
                || name.equals("jakarta.transaction.SystemException")) {
            return true;
        }
        if (name.equals("jakarta.resource.ResourceException") || name.endsWith("PoolingException")
                || name.equals("jakarta.resource.spi.ResourceAllocationException")) {
            return true;
        }
        return t.getMessage() != null && t.getMessage().contains("Error in allocating a connection");
    }
}
