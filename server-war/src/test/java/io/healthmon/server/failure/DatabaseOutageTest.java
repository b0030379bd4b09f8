package io.healthmon.server.failure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * {@link DatabaseOutage#isUnreachable}: the failures the server starts without its database for, and those
 * it still fails the start on.
 */
class DatabaseOutageTest {

    /** As Payara's pool wraps the driver's failure: a state-less SQLException around the cause. */
    private static SQLException fromPool(Throwable driverFailure) {
        return new SQLException("Error in allocating a connection", null, driverFailure);
    }

    @Test
    void aDatabaseNotListeningIsAway() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001",
                new ConnectException("Connection refused"));
        assertTrue(DatabaseOutage.isUnreachable(new RuntimeException(fromPool(refused))));
        assertTrue(DatabaseOutage.isUnreachable(new ConnectException("Connection refused")));
    }

    @Test
    void aHostNameNotYetResolvableIsAway() {
        assertTrue(DatabaseOutage.isUnreachable(fromPool(new UnknownHostException("db.internal"))));
    }

    @Test
    void aDatabaseStartingUpOrShuttingDownIsAway() {
        assertTrue(DatabaseOutage.isUnreachable(fromPool(new SQLException("the database system is starting up", "57P03"))));
        assertTrue(DatabaseOutage.isUnreachable(fromPool(new SQLException("terminating connection", "57P01"))));
    }

    @Test
    void aDatabaseThatRefusesTheServerIsNotAway() {
        assertFalse(DatabaseOutage.isUnreachable(fromPool(new SQLException("password authentication failed", "28P01"))));
        assertFalse(DatabaseOutage.isUnreachable(fromPool(new SQLException("database \"healthmon\" does not exist", "3D000"))));
        assertFalse(DatabaseOutage.isUnreachable(new IllegalStateException("no cause at all")));
    }
}
