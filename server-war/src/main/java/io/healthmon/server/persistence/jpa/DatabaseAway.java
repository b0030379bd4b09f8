package io.healthmon.server.persistence.jpa;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Tells a database that is away (not running, not reachable, still starting) from one that answers and
 * refuses (a wrong password, a missing database). The first is waited for; the second is a setting
 * to fix, and fails the start as before.
 */
final class DatabaseAway {

    private DatabaseAway() {
    }

    static boolean isAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && isAwayState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception) and 57P (operator intervention: shutting down, starting up). */
    private static boolean isAwayState(String state) {
        return state.startsWith("08") || state.startsWith("57P");
    }
}
