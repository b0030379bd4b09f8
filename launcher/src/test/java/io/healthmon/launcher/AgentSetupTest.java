package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSetupTest {

    @Test
    void aRefusalBecauseTheServerIsRegisteredNamesItAndOthersDoNot() {
        String refused = "healthmon-agent: the server refused the registration (409): server_id 'web-01' is already"
                + " registered; the enrollment token registers new servers only. An operator re-enrols it: ...";
        assertEquals(Optional.of("web-01"), AgentSetup.alreadyRegistered("starting\n" + refused + "\n"));
        assertEquals(Optional.empty(), AgentSetup.alreadyRegistered(
                "healthmon-agent: the server refused the registration (401): the enrollment token is required"));
        assertEquals(Optional.empty(), AgentSetup.alreadyRegistered("connection refused"));
    }

    @Test
    void oneServerIsWrittenAsServerUrlAndSeveralAsTheServerUrlsList(@TempDir Path dir) throws Exception {
        AgentSetup setup = new AgentSetup(dir, dir.resolve("agent.jar"), "java");

        setup.writeConfig(List.of("http://127.0.0.1:8080/"), Optional.empty());
        String one = Files.readString(setup.config());
        assertTrue(one.contains("\nagent:\n  server_url: \"http://127.0.0.1:8080/\"\n  api_key_file: "), one);

        setup.writeConfig(List.of("http://127.0.0.1:8080/", "http://127.0.0.1:8081/"), Optional.of(dir.resolve("ca.pem")));
        String two = Files.readString(setup.config());
        assertTrue(two.contains("""

                agent:
                  server_urls:
                    - "http://127.0.0.1:8080/"
                    - "http://127.0.0.1:8081/"
                  api_key_file:"""), two);
        assertFalse(two.contains("server_url:"), two);
        assertTrue(two.endsWith("  tls:\n    ca_file: \"" + dir.resolve("ca.pem") + "\"\n"), two);
    }
}
