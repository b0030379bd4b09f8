package io.healthmon.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trusted reverse proxies: none unless set, and a wrong entry stops start-up naming the key and the entry. */
class HttpConfigTest {

    private static HttpConfig read(Map<String, String> values) {
        HttpConfig config = new HttpConfig();
        config.config = new MapConfig(values);
        config.read();
        return config;
    }

    @Test
    void noProxyIsTrustedUnlessSet() {
        assertTrue(read(Map.of()).trustedProxies().isEmpty());
        HttpConfig set = read(Map.of(HttpConfig.TRUSTED_PROXIES, "10.0.1.2, fd00::/8"));
        assertEquals("203.0.113.9", set.trustedProxies().clientOf("10.0.1.2", List.of("203.0.113.9")));
        assertEquals("203.0.113.9", set.trustedProxies().clientOf("fd00::5", List.of("203.0.113.9")));
    }

    @Test
    void aWrongEntryIsRefusedNamingTheKeyAndTheEntry() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> read(Map.of(HttpConfig.TRUSTED_PROXIES, "10.0.1.2, balancer.internal")));
        assertTrue(e.getMessage().contains(HttpConfig.TRUSTED_PROXIES) && e.getMessage().contains("balancer.internal"),
                e.getMessage());
    }
}
