package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    private static final long MB = 1024L * 1024;

    @Test
    void sharedBuffersAreAnEighthOfMemoryBetweenPostgresDefaultAnd1Gb() {
        assertEquals("128MB", EmbeddedDatabase.sharedBuffers(512 * MB), "never below PostgreSQL's default");
        assertEquals("128MB", EmbeddedDatabase.sharedBuffers(1024 * MB));
        assertEquals("256MB", EmbeddedDatabase.sharedBuffers(2048 * MB));
        assertEquals("1000MB", EmbeddedDatabase.sharedBuffers(8000 * MB));
        assertEquals("1024MB", EmbeddedDatabase.sharedBuffers(24 * 1024 * MB), "capped beside Payara's heap");
    }

    @Test
    void connectionsCoverEveryInstancesPoolAtItsLargestAndNeverFallBelowPostgresDefault() {
        assertEquals(100, EmbeddedDatabase.maxConnections(1, 32), "one server with the default pool, as always");
        assertEquals(100, EmbeddedDatabase.maxConnections(2, 32));
        assertEquals(3 * 32 + 20, EmbeddedDatabase.maxConnections(3, 32));
        assertEquals(9 * 32 + 20, EmbeddedDatabase.maxConnections(9, 32));
        assertEquals(200 + 20, EmbeddedDatabase.maxConnections(1, 200), "one server with a pool raised past 100");
    }

    @Test
    void thePostmastersRecordedCommandLineIsReadBackArgumentByArgument() {
        String opts = "/tmp/embedded-pg/PG-abc/bin/postgres \"-D\" \"/home/op/.healthmon/pgdata\" \"-p\" \"24567\" \"-F\" "
                + "\"-c\" \"listen_addresses=127.0.0.1\" \"-c\" \"shared_buffers=128MB\"\n";

        assertEquals(List.of("/tmp/embedded-pg/PG-abc/bin/postgres", "-D", "/home/op/.healthmon/pgdata", "-p", "24567", "-F",
                "-c", "listen_addresses=127.0.0.1", "-c", "shared_buffers=128MB"), EmbeddedDatabase.parsePostmasterOpts(opts));
    }
}
