package io.healthmon.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the Docker files without a Docker engine (none runs on the build machines,
 * so the images are not built by the tests): the compose file is well formed and wires what the
 * README says, each Dockerfile's base image is pinned and every file it copies exists after the
 * build, and the entrypoint scripts parse.
 */
class DockerFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("healthmon.root", "..")).toAbsolutePath().normalize();
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");

    @Test
    void theComposeFileWiresDatabaseServerAndAgentWithProbesAndSecretsFromTheEnvironment() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("compose.yaml").toFile());
        JsonNode services = compose.get("services");
        assertEquals(Set.of("postgres", "server", "agent"), names(services));

        JsonNode server = services.get("server");
        assertTrue(server.at("/healthcheck/test").toString().contains("/health/ready"), "the server's health check is the readiness probe");
        assertEquals("service_healthy", server.at("/depends_on/postgres/condition").asText());
        assertEquals("service_healthy", services.at("/agent/depends_on/server/condition").asText());
        assertTrue(services.at("/postgres/healthcheck/test").toString().contains("pg_isready"));

        // Secrets come from the environment and are required, never written into the file.
        for (String secret : List.of("HEALTHMON_ENROLLMENT_TOKEN", "HEALTHMON_ADMIN_TOKEN")) {
            assertTrue(server.at("/environment/" + secret).asText().matches("\\$\\{" + secret + ":\\?.+}"), secret);
        }
        assertTrue(services.at("/postgres/environment/POSTGRES_PASSWORD").asText().startsWith("${HEALTHMON_DB_PASSWORD:?"));
        assertTrue(server.at("/environment/DATABASE_URL").asText().contains("${HEALTHMON_DB_PASSWORD}"));

        for (String name : List.of("server", "agent")) {
            Path dockerfile = DOCKER.resolve(services.at("/" + name + "/build/context").asText())
                    .resolve(services.at("/" + name + "/build/dockerfile").asText()).normalize();
            assertTrue(Files.isRegularFile(dockerfile), name + " builds from " + dockerfile);
        }
    }

    @Test
    void everyDockerfileHasAPinnedBaseAndCopiesOnlyFilesTheBuildMakes() throws IOException {
        for (String name : List.of("server.Dockerfile", "agent.Dockerfile")) {
            String dockerfile = Files.readString(DOCKER.resolve(name));
            Matcher from = FROM.matcher(dockerfile);
            assertTrue(from.find(), name + " has a FROM");
            String image = from.group(1);
            assertTrue(image.contains(":") && !image.endsWith(":latest"), name + " pins its base image: " + image);

            Matcher copy = COPY.matcher(dockerfile);
            List<String> sources = new ArrayList<>();
            while (copy.find()) {
                sources.add(copy.group(1));
            }
            assertFalse(sources.isEmpty(), name + " copies the application in");
            for (String source : sources) {
                assertTrue(Files.isRegularFile(ROOT.resolve(source)), name + " copies " + source + ", which the build must make");
            }
        }
    }

    @Test
    void theEntrypointScriptsParse() throws Exception {
        for (String script : List.of("server-entrypoint.sh", "agent-entrypoint.sh")) {
            Process check = new ProcessBuilder("sh", "-n", DOCKER.resolve(script).toString()).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes());
            assertTrue(check.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, check.exitValue(), script + ": " + output);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
