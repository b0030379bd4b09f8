package io.healthmon.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent for this machine: its configuration and key under {@code <data-dir>/agent}, registered
 * with the agent's own {@code register} command on first start (the key is kept, so later starts
 * reuse it and the server keeps one server entry for this host; a lost key is replaced by re-enrolment).
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

    /**
     * @param serverUrls the instances, in the order the agent is to try them: one is written as {@code server_url},
     *        as always; several as the {@code server_urls} list
     * @param caFile the certificate the agent is to trust for HTTPS, when the server's is self-signed
     */
    void writeConfig(List<String> serverUrls, Optional<Path> caFile) throws IOException {
        Files.createDirectories(dir);
        String tls = caFile.map(f -> "  tls:\n    ca_file: \"" + f + "\"\n").orElse("");
        Files.writeString(config(), """
                # Written by the healthmon launcher on every start; edit the launcher's options instead.
                agent:
                %s
                  api_key_file: "%s"
                  collection_interval: 60
                  retry_attempts: 3
                  retry_backoff: 2.0
                  spool:
                    directory: "%s"
                %s""".formatted(servers(serverUrls), keyFile(), dir.resolve("spool"), tls));
    }

    /** The agent's server setting, indented under {@code agent:}. */
    static String servers(List<String> urls) {
        if (urls.size() == 1) {
            return "  server_url: \"" + urls.get(0) + "\"";
        }
        StringBuilder list = new StringBuilder("  server_urls:");
        urls.forEach(url -> list.append("\n    - \"").append(url).append('"'));
        return list.toString();
    }

    /**
     * Registers this machine unless a key is already stored; the enrollment token is passed, never stored
     * here. When the server knows this machine already (its key file was lost while the database kept
     * the server), the enrollment token is refused, as it must be; the launcher then re-enrols it as the
     * operator, with a one-time token that also revokes the lost key.
     */
    void registerIfNeeded(String serverUrl, String enrollmentToken, OperatorApi operator, Path log)
            throws IOException, InterruptedException {
        if (Files.exists(keyFile())) {
            return;
        }
        ChildProcess register = register(serverUrl, enrollmentToken, log);
        if (register.process().exitValue() == 0) {
            Console.say("registered this machine's agent (key in " + keyFile() + ")");
            return;
        }
        Optional<String> known = alreadyRegistered(register.tail(20));
        if (known.isEmpty()) {
            throw new IllegalStateException("the agent could not register with the server:\n" + register.tail(20));
        }
        ChildProcess again = register(serverUrl, operator.enrolmentToken(known.get()), log);
        if (again.process().exitValue() != 0) {
            throw new IllegalStateException("the agent could not register again with the server:\n" + again.tail(20));
        }
        Console.say("re-enrolled this machine's agent as " + known.get() + " (its earlier key was lost; it is revoked;"
                + " the new key is in " + keyFile() + ")");
    }

    private static final Pattern ALREADY_REGISTERED = Pattern.compile("\\(409\\).*server_id '([^']+)' is already registered");

    /** The server id the server said is registered already, from the agent's answer to a refused registration. */
    static Optional<String> alreadyRegistered(String output) {
        Matcher m = ALREADY_REGISTERED.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private ChildProcess register(String serverUrl, String token, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBin, "-jar", agentJar.toString(), "register",
                "--server", serverUrl, "--token", token, "--config", config().toString()));
        ChildProcess register = ChildProcess.start("agent registration", command, Map.of(), log);
        if (!register.process().waitFor(60, TimeUnit.SECONDS)) {
            register.stop(5);
            throw new IllegalStateException("the agent's registration did not end within 60 s:\n" + register.tail(20));
        }
        return register;
    }

    ChildProcess start(Path log) throws IOException {
        return ChildProcess.start("agent",
                List.of(javaBin, "-Xmx32m", "-XX:+UseSerialGC", "-jar", agentJar.toString(), "--config", config().toString()),
                Map.of(), log);
    }
}
