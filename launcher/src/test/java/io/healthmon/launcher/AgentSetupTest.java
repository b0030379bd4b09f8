package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

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
}
