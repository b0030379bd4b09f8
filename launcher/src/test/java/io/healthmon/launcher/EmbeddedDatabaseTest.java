package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
