package io.healthmon.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The agent for this machine: its configuration and key under {@code <data-dir>/agent}, registered
 * with the agent's own {@code register} command on first start (the key is kept, so later starts
 * reuse it and the server keeps one server entry for this host).
 */
final class AgentSetup {

    private final Path dir;
    private final Path agentJar;
    private final String javaBin;

    AgentSetup(Path dataDir, Path agentJar, String javaBin) {
        this.dir = dataDir.resolve("agent");
        this.agentJar = agentJar;
        this.javaBin = javaBin;
    }

    Path config() {
        return dir.resolve("agent.yaml");
    }

    Path keyFile() {
        return dir.resolve("api-key");
    }

    /** @param caFile the certificate the agent is to trust for HTTPS, when the server's is self-signed */
    void writeConfig(String serverUrl, Optional<Path> caFile) throws IOException {
        Files.createDirectories(dir);
        String tls = caFile.map(f -> "  tls:\n    ca_file: \"" + f + "\"\n").orElse("");
        Files.writeString(config(), """
                # Written by the healthmon launcher on every start; edit the launcher's options instead.
                agent:
                  server_url: "%s"
                  api_key_file: "%s"
                  collection_interval: 60
                  retry_attempts: 3
                  retry_backoff: 2.0
                  spool:
                    directory: "%s"
                %s""".formatted(serverUrl, keyFile(), dir.resolve("spool"), tls));
    }

    /** Registers this machine unless a key is already stored; the enrollment token is passed, never stored here. */
    void registerIfNeeded(String serverUrl, String enrollmentToken, Path log) throws IOException, InterruptedException {
        if (Files.exists(keyFile())) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(javaBin, "-jar", agentJar.toString(), "register",
                "--server", serverUrl, "--token", enrollmentToken, "--config", config().toString()));
        ChildProcess register = ChildProcess.start("agent registration", command, Map.of(), log);
        if (!register.process().waitFor(60, TimeUnit.SECONDS) || register.process().exitValue() != 0) {
            register.stop(5);
            throw new IllegalStateException("the agent could not register with the server:\n" + register.tail(20));
        }
        Console.say("registered this machine's agent (key in " + keyFile() + ")");
    }

    ChildProcess start(Path log) throws IOException {
        return ChildProcess.start("agent",
                List.of(javaBin, "-Xmx32m", "-XX:+UseSerialGC", "-jar", agentJar.toString(), "--config", config().toString()),
                Map.of(), log);
    }
}
