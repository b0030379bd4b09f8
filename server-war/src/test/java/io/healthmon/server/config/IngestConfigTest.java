package io.healthmon.server.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The push's reference endpoint: off unless set, and only "true" or "false". */
class IngestConfigTest {

    private static IngestConfig read(Map<String, String> values) {
        IngestConfig config = new IngestConfig();
        config.config = new MapConfig(values);
        config.read();
        return config;
    }

    @Test
    void theReferenceEndpointIsOffByDefaultAndOnWhenSet() {
        assertFalse(read(Map.of()).referenceEndpoint());
        assertTrue(read(Map.of(IngestConfig.REFERENCE_ENDPOINT, "TRUE")).referenceEndpoint());
        assertFalse(read(Map.of(IngestConfig.REFERENCE_ENDPOINT, " false ")).referenceEndpoint());
    }

    @Test
    void aReferenceEndpointValueOtherThanTrueOrFalseIsRefusedNamingItsKey() {
        for (String bad : new String[] {"yes", "1", "on", "treu"}) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> read(Map.of(IngestConfig.REFERENCE_ENDPOINT, bad)));
            assertTrue(e.getMessage().contains(IngestConfig.REFERENCE_ENDPOINT) && e.getMessage().contains(bad), e.getMessage());
        }
    }
}
