package io.healthmon.server.persistence.jpa;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The failures the server starts without its database for, and those it still fails the start on. */
class DatabaseAwayTest {

    /** As Payara's pool wraps the driver's failure: a state-less SQLException around the cause. */
    private static SQLException fromPool(Throwable driverFailure) {
        return new SQLException("Error in allocating a connection", null, driverFailure);
    }

    @Test
    void aDatabaseNotListeningIsAway() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001",
                new ConnectException("Connection refused"));
        assertTrue(DatabaseAway.isAway(new RuntimeException(fromPool(refused))));
        assertTrue(DatabaseAway.isAway(new ConnectException("Connection refused")));
    }

    @Test
    void aHostNameNotYetResolvableIsAway() {
        assertTrue(DatabaseAway.isAway(fromPool(new UnknownHostException("db.internal"))));
    }

    @Test
    void aDatabaseStartingUpOrShuttingDownIsAway() {
        assertTrue(DatabaseAway.isAway(fromPool(new SQLException("the database system is starting up", "57P03"))));
        assertTrue(DatabaseAway.isAway(fromPool(new SQLException("terminating connection", "57P01"))));
    }

    @Test
    void aDatabaseThatRefusesTheServerIsNotAway() {
        assertFalse(DatabaseAway.isAway(fromPool(new SQLException("password authentication failed", "28P01"))));
        assertFalse(DatabaseAway.isAway(fromPool(new SQLException("database \"healthmon\" does not exist", "3D000"))));
        assertFalse(DatabaseAway.isAway(new IllegalStateException("no cause at all")));
    }
}
