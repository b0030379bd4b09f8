package io.healthmon.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Which client a request behind reverse proxies is counted as. */
class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.5", "fd00::/8"));

    @Test
    void addressesAndBlocksOfBothFamiliesAreTrustedAndNothingElse() {
        assertTrue(PROXIES.trusts("10.200.3.4"));
        assertTrue(PROXIES.trusts("192.168.1.5"));
        assertTrue(PROXIES.trusts("fd12:3456::1"));
        assertFalse(PROXIES.trusts("11.0.0.1"));
        assertFalse(PROXIES.trusts("192.168.1.6"));
        assertFalse(PROXIES.trusts("fe80::1"));
        assertFalse(PROXIES.trusts("proxy.example.com"), "a host name is never looked up");
        assertFalse(PROXIES.trusts("300.1.1.1"));
        assertTrue(TrustedProxies.of(List.of("0.0.0.0/0")).trusts("203.0.113.9"));
    }

    @Test
    void aWrongEntryIsNamed() {
        assertEquals("'10.0.0.0/33' has no prefix length from 0 to 32",
                assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/33"))).getMessage());
        assertEquals("'proxy.local' is not an IP address or CIDR block",
                assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("proxy.local"))).getMessage());
    }

    @Test
    void withoutTrustedProxiesOrFromAnUntrustedPeerTheHeaderIsIgnored() {
        assertEquals("10.1.1.1", TrustedProxies.NONE.clientOf("10.1.1.1", List.of("203.0.113.9")));
        assertEquals("203.0.113.50", PROXIES.clientOf("203.0.113.50", List.of("198.51.100.1")));
        assertEquals("10.1.1.1", PROXIES.clientOf("10.1.1.1", List.of()));
    }

    @Test
    void theNearestHopNoProxyVouchesForIsTheClient() {
        assertEquals("203.0.113.9", PROXIES.clientOf("10.1.1.1", List.of("203.0.113.9")));
        assertEquals("203.0.113.9", PROXIES.clientOf("10.1.1.1", List.of("198.51.100.1, 203.0.113.9, 192.168.1.5")));
        assertEquals("203.0.113.9", PROXIES.clientOf("10.1.1.1", List.of("198.51.100.1", "203.0.113.9", "192.168.1.5")));
        assertEquals("2001:db8::7", PROXIES.clientOf("fd00::1", List.of("2001:db8::7")));
        // Every hop a proxy: the farthest is the client. A hop that is no address ends the walk at its sender.
        assertEquals("10.9.9.9", PROXIES.clientOf("10.1.1.1", List.of("10.9.9.9, 192.168.1.5")));
        assertEquals("192.168.1.5", PROXIES.clientOf("10.1.1.1", List.of("unknown, 192.168.1.5")));
    }

    /** Whatever a client writes into the header, the proxies' own hops decide: it cannot be counted as another. */
    @Test
    void aClientCannotPassItselfOffAsAnother() {
        Gen<String> address = integers().between(1, 254).zip(integers().between(1, 254),
                (a, b) -> (a % 2 == 0 ? "10.0." : "203.0.") + a + "." + b);
        qt().forAll(lists().of(address).ofSizeBetween(0, 6), integers().between(1, 254), integers().between(0, 3))
                .checkAssert((written, clientPart, proxies) -> {
                    String client = "198.51.100." + clientPart;
                    List<String> hops = new ArrayList<>(written);
                    hops.add(client);
                    for (int i = 1; i < proxies; i++) {
                        hops.add("10.0.0." + i);
                    }
                    assertEquals(client, PROXIES.clientOf("10.0.0.254", List.of(String.join(", ", hops))));
                });
    }
}
