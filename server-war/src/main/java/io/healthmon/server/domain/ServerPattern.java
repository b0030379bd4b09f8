package io.healthmon.server.domain;

import java.util.Objects;

/**
 * A glob over server ids, as operators write them for a silence: {@code *} stands for any run of
 * characters (none included), {@code ?} for exactly one; every other character stands for itself, so
 * an id with dots or brackets needs no escaping. Matched by plain code, not a regular expression, so no
 * pattern can make matching slow.
 */
public record ServerPattern(String glob) {

    public ServerPattern {
        Objects.requireNonNull(glob, "glob");
    }

    /** Whether the whole of {@code serverId} matches. */
    public boolean matches(String serverId) {
        int p = 0;
        int s = 0;
        int starAt = -1;
        int matchedByStar = 0;
        while (s < serverId.length()) {
            if (p < glob.length() && (glob.charAt(p) == '?' || glob.charAt(p) == serverId.charAt(s))) {
                p++;
                s++;
            } else if (p < glob.length() && glob.charAt(p) == '*') {
                starAt = p++;
                matchedByStar = s;
            } else if (starAt >= 0) {
                // Let the last star take one more character and try the rest again.
                p = starAt + 1;
                s = ++matchedByStar;
            } else {
                return false;
            }
        }
        while (p < glob.length() && glob.charAt(p) == '*') {
            p++;
        }
        return p == glob.length();
    }
}
