package io.healthmon.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatabaseCoordinatesTest {

    @Test
    void parsesTheSeedForm() {
        var db = DatabaseCoordinates.parse("postgresql://mon:s%3Acret@db.example.com:6543/healthmon");
        assertEquals(new DatabaseCoordinates("db.example.com", 6543, "healthmon", "mon", "s:cret"), db);
    }

    @Test
    void parsesTheJdbcFormWithCredentialsInTheQuery() {
        var db = DatabaseCoordinates.parse("jdbc:postgresql://localhost/hm?user=u&password=p%40ss");
        assertEquals(new DatabaseCoordinates("localhost", 5432, "hm", "u", "p@ss"), db);
        assertEquals("jdbc:postgresql://localhost:5432/hm", db.jdbcUrl());
    }

    @Test
    void namesWhatIsMissing() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatabaseCoordinates.parse("mysql://a/b"))
                .getMessage().contains("must start with postgresql://"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatabaseCoordinates.parse("postgresql://u@host/"))
                .getMessage().contains("no database name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatabaseCoordinates.parse("postgresql://host/db"))
                .getMessage().contains("no user"));
    }

    @Test
    void neverPrintsThePassword() {
        var db = DatabaseCoordinates.parse("postgresql://mon:topsecret@h/db");
        assertFalse(db.toString().contains("topsecret"));
    }

    @Test
    void postBootCommandsEscapeSeparatorsInValues() {
        var db = new DatabaseCoordinates("h", 5432, "db", "u", "a:b=c");
        var lines = PostBootCommands.forDatabase(db, PostBootCommands.PoolSizing.DEFAULT);
        assertTrue(lines.get(0).contains("password=a\\:b\\=c"), lines.get(0));
        assertEquals("create-jdbc-resource --connectionpoolid healthmon-pool jdbc/healthmon", lines.get(1));
    }
}
