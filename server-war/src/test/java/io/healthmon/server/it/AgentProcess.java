package io.healthmon.server.it;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real agent, its jar run as a process as an operator runs it, reporting every second to the
 * deployed server with its own spool in a temporary directory.
 */
final class AgentProcess {

    private final Path dir;
    private Process process;

    private AgentProcess(Path dir) {
        this.dir = dir;
    }

    /** Writes the agent's configuration and registers it with the enrollment token, as its install does. */
    static AgentProcess register(URL base, String serverId, Path dir) throws IOException, InterruptedException {
        AgentProcess agent = new AgentProcess(dir);
        Files.writeString(agent.config(), """
                agent:
                  server_url: "%s"
                  server_id: "%s"
                  api_key_file: "%s"
                  allow_plain_http: true
                  collection_interval: 1
                  spool:
                    directory: "%s"
                """.formatted(base, serverId, dir.resolve("api-key"), agent.spool()));
        Process register = new ProcessBuilder(List.of(java(), "-jar", jar(), "register", "--server", base.toString(),
                "--token", ApiClient.ENROLLMENT_TOKEN, "--config", agent.config().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("register.log").toFile()).start();
        if (!register.waitFor(60, TimeUnit.SECONDS) || register.exitValue() != 0) {
            throw new IllegalStateException("the agent could not register: " + Files.readString(dir.resolve("register.log")));
        }
        return agent;
    }

    void start() throws IOException {
        process = new ProcessBuilder(List.of(java(), "-Xmx32m", "-jar", jar(), "--config", config().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
    }

    /** SIGTERM, as systemd stops it. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    void awaitSpoolEmpty(Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!waiting().isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(waiting().size() + " reports still in the agent's spool after " + within
                        + "\nagent log:\n" + log());
            }
            Thread.sleep(250);
        }
    }

    /** Reports the agent set aside as rejected by the server. */
    List<Path> rejected() throws IOException {
        return files(spool().resolve("rejected"));
    }

    String log() throws IOException {
        Path log = dir.resolve("agent.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    private List<Path> waiting() throws IOException {
        return files(spool()).stream().filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private Path config() {
        return dir.resolve("agent.yaml");
    }

    private Path spool() {
        return dir.resolve("spool");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        String jar = System.getProperty("healthmon.agent.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("the agent's jar (system property healthmon.agent.jar) is missing: " + jar);
        }
        return jar;
    }
}
