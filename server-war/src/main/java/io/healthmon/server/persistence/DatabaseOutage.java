package io.healthmon.server.persistence;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a database outage in an exception chain: a refused or lost connection, PostgreSQL's
 * connection and shutdown states, the pool failing to hand out a connection, or a commit that failed
 * in the transaction manager (its outcome unknown, so the client is told to retry).
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01..57P03: admin shutdown, crash shutdown, cannot connect now.
                if (state.startsWith("08") || state.startsWith("57P0")) {
                    return true;
                }
            }
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
            if (t.getMessage() != null && t.getMessage().contains("Error in allocating a connection")) {
                return true;
            }
        }
        return false;
    }

    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
