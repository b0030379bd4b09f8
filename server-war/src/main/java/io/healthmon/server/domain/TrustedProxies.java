package io.healthmon.server.domain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed, as addresses or CIDR blocks
 * ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code fd00::/8}), and the client address they make of a
 * request. The hops are read from the right, the nearest first: each trusted hop's word is taken for
 * the hop before it, and the first hop not trusted is the client. So a client cannot pass itself off as
 * another by sending the header itself: its own address, appended by the proxy, comes first. Without
 * trusted proxies, the peer is the client.
 */
public final class TrustedProxies {

    // Only IP literals: a host name would be looked up, on every request.
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** The proxies from their addresses or CIDR blocks; throws {@link IllegalArgumentException} naming a wrong one. */
    public static TrustedProxies of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            blocks.add(Block.parse(entry.trim()));
        }
        return new TrustedProxies(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether {@code address} (an IP literal) is one of the trusted proxies; false for anything else. */
    public boolean trusts(String address) {
        byte[] bytes = literal(address);
        return bytes != null && blocks.stream().anyMatch(b -> b.contains(bytes));
    }

    /**
     * The client of a request that came from {@code peer} with these {@code X-Forwarded-For} header
     * values (each a comma-separated list, in the order received): the nearest hop no trusted proxy
     * vouches for. An entry that is not an IP address ends the walk at the hop that sent it.
     */
    public String clientOf(String peer, List<String> forwardedFor) {
        if (blocks.isEmpty() || forwardedFor.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusts(client); i--) {
            String hop = hops.get(i);
            if (literal(hop) == null) {
                break;
            }
            client = hop;
        }
        return client;
    }

    /** The address's bytes, or null when it is not an IPv4 literal (four decimal parts) or an IPv6 one. */
    private static byte[] literal(String address) {
        if (address == null) {
            return null;
        }
        if (IPV4.matcher(address).matches()) {
            String[] parts = address.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (!IPV6.matcher(address).matches()) {
            return null;
        }
        try {
            // With a colon in it, the JDK parses the text as an IPv6 literal and never looks it up.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address block: the first {@code prefix} bits of {@code network}. */
    private record Block(byte[] network, int prefix) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = literal(address);
            if (network == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block");
            }
            int bits = network.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("'" + entry + "' has no prefix length from 0 to " + bits);
                }
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int shift = network.length * 8 - prefix;
            return prefix == 0 || new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }
    }
}
