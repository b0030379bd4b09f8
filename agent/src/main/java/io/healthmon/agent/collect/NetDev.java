package io.healthmon.agent.collect;

import io.healthmon.agent.collect.SystemSource.InterfaceReading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes in and out per interface, from {@code /proc/net/dev}, and whether each is a loopback (its
 * {@code /sys/class/net/NAME/type}). Read here rather than through OSHI's {@code getNetworkIFs}: OSHI
 * lists interfaces through {@code java.net.NetworkInterface}, which on Linux knows only interfaces
 * with an address, and a bridge's or bond's member carries a host's traffic without one.
 */
final class NetDev {

    /** ARPHRD_LOOPBACK in /sys/class/net/NAME/type. */
    private static final String LOOPBACK_TYPE = "772";

    private final Path root;
    /** Loopback or not, per interface name: the /sys file is read once per name. */
    private final Map<String, Boolean> loopbackByName = new ConcurrentHashMap<>();

    /** Reads {@code proc/net/dev} and {@code sys/class/net} under {@code root}. */
    NetDev(Path root) {
        this.root = root;
    }

    /** Every interface; none when the file cannot be read. */
    List<InterfaceReading> interfaces() {
        List<InterfaceReading> readings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String line : lines("proc/net/dev")) {
            // "  eth0: 1234 5 0 ..." after two header lines without a colon; names never hold one.
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] counters = fields(line.substring(colon + 1).trim());
            if (name.isEmpty() || counters.length < 9) {
                continue;
            }
            try {
                readings.add(new InterfaceReading(name, Long.parseLong(counters[0]), Long.parseLong(counters[8]),
                        isLoopback(name)));
                names.add(name);
            } catch (NumberFormatException e) {
                // a malformed line is skipped
            }
        }
        // Interfaces come and go (a container's veth): forget those that went, so the cache stays small.
        loopbackByName.keySet().retainAll(names);
        return readings;
    }

    private boolean isLoopback(String name) {
        if (name.equals("lo")) {
            return true;
        }
        Boolean known = loopbackByName.get(name);
        if (known == null) {
            List<String> type = lines("sys/class/net/" + name + "/type");
            known = !type.isEmpty() && type.get(0).trim().equals(LOOPBACK_TYPE);
            loopbackByName.put(name, known);
        }
        return known;
    }

    /**
     * The text split at runs of blanks (the characters regex's \s matches), for text with none at
     * either end; as {@code text.split("\\s+")}, an empty text gives one empty field. Not a regex:
     * every collection splits a line per interface, and a Pattern's matching costs CPU.
     */
    static String[] fields(String text) {
        List<String> fields = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (isBlank(text.charAt(i))) {
                if (start >= 0) {
                    fields.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0 || text.isEmpty()) {
            fields.add(text.substring(Math.max(start, 0)));
        }
        return fields.toArray(new String[0]);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r';
    }

    /** The file's lines; none if it cannot be read. */
    private List<String> lines(String relative) {
        try {
            String text = new String(Files.readAllBytes(root.resolve(relative)), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
