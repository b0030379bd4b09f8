package io.healthmon.testsupport;

import io.healthmon.payara.DatabaseCoordinates;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a container, used when a Docker engine answers (Testcontainers stops it with the JVM). */
final class ContainerDatabase {

    private static final String IMAGE = "postgres:17-alpine";

    private ContainerDatabase() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // Testcontainers' Ryuk removes the container when the JVM exits.
    static DatabaseCoordinates start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withDatabaseName("healthmon_test")
                .withUsername("healthmon")
                .withPassword("healthmon");
        container.start();
        return new DatabaseCoordinates(container.getHost(), container.getMappedPort(5432),
                container.getDatabaseName(), container.getUsername(), container.getPassword());
    }
}
