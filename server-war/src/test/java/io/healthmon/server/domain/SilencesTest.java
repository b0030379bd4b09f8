package io.healthmon.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class SilencesTest {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static Silence forServer(long id, String server, Set<AlertKind> kinds, String subject, Instant from, Instant to) {
        return new Silence(id, server, null, kinds, subject, from, to, "why", "ops", from);
    }

    private static Silence forPattern(long id, String glob, Instant from, Instant to) {
        return new Silence(id, null, new ServerPattern(glob), Set.of(), null, from, to, "why", "ops", from);
    }

    @Test
    void globStarsAndQuestionMarksMatchTheWholeId() {
        assertTrue(new ServerPattern("web-*").matches("web-01"));
        assertTrue(new ServerPattern("web-*").matches("web-"));
        assertFalse(new ServerPattern("web-*").matches("db-web-01"));
        assertTrue(new ServerPattern("*-0?").matches("db-07"));
        assertFalse(new ServerPattern("*-0?").matches("db-070"));
        assertTrue(new ServerPattern("a*b*c").matches("aXXbYYbZc"));
        assertTrue(new ServerPattern("web.[1]").matches("web.[1]"), "other characters stand for themselves");
        assertFalse(new ServerPattern("web.[1]").matches("webx[1]"));
        assertTrue(new ServerPattern("*").matches(""));
    }

    @Test
    void aSilenceIsPendingThenActiveUntilItsEndThenExpired() {
        Silence s = forServer(1, "web-01", Set.of(), null, T, T.plusSeconds(60));
        assertEquals(Silence.State.PENDING, s.stateAt(T.minusMillis(1)));
        assertEquals(Silence.State.ACTIVE, s.stateAt(T));
        assertEquals(Silence.State.ACTIVE, s.stateAt(T.plusSeconds(59)));
        assertEquals(Silence.State.EXPIRED, s.stateAt(T.plusSeconds(60)));
        assertThrows(IllegalArgumentException.class, () -> forServer(1, "x", Set.of(), null, T, T.minusSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Silence(1, "x", new ServerPattern("x*"), Set.of(), null, T, T, "c", "o", T));
    }

    @Test
    void kindsAndSubjectNarrowWhatIsCovered() {
        Silences silences = new Silences(List.of(
                forServer(1, "web-01", Set.of(AlertKind.HIGH_DISK), "/var", T, T.plusSeconds(60)),
                forPattern(2, "db-*", T, T.plusSeconds(60))));
        Instant during = T.plusSeconds(1);
        assertEquals(List.of(1L), silences.covering("web-01", AlertKind.HIGH_DISK, "/var", during));
        assertEquals(List.of(), silences.covering("web-01", AlertKind.HIGH_DISK, "/", during));
        assertEquals(List.of(), silences.covering("web-01", AlertKind.HIGH_CPU, "", during));
        assertEquals(List.of(), silences.covering("web-01", AlertKind.SERVER_OFFLINE, "", during));
        assertEquals(List.of(2L), silences.covering("db-3", AlertKind.SERVER_OFFLINE, "", during));
        assertEquals(List.of(), silences.covering("db-3", AlertKind.SERVER_OFFLINE, "", T.plusSeconds(60)));
        assertFalse(silences.underMaintenance("web-01", during), "a disk silence is no maintenance window");
        assertTrue(silences.underMaintenance("db-3", during));
    }

    @Test
    void theOfflineTimeoutCountsFromTheEndOfAMaintenanceWindow() {
        Instant lastSeen = T;
        Silences window = new Silences(List.of(forServer(1, "web-01", Set.of(AlertKind.SERVER_OFFLINE), null,
                T.plusSeconds(10), T.plusSeconds(3600))));
        assertFalse(window.offline("web-01", lastSeen, TIMEOUT, T.plusSeconds(1800)), "in the window");
        assertFalse(window.offline("web-01", lastSeen, TIMEOUT, T.plusSeconds(3600 + 300)), "the timeout after the window");
        assertTrue(window.offline("web-01", lastSeen, TIMEOUT, T.plusSeconds(3600 + 301)));
        assertTrue(window.offline("web-02", lastSeen, TIMEOUT, T.plusSeconds(1800)), "another server");
        assertTrue(Silences.NONE.offline("web-01", lastSeen, TIMEOUT, T.plusSeconds(301)));
        assertFalse(Silences.NONE.offline("web-01", lastSeen, TIMEOUT, T.plusSeconds(300)));
    }

    private static Gen<String> ids() {
        return strings().betweenCodePoints('a', 'e').ofLengthBetween(0, 6);
    }

    private static Gen<String> globs() {
        return strings().betweenCodePoints('a', 'e').ofLengthBetween(0, 5)
                .zip(integers().between(0, 5), integers().between(0, 5), (s, star, q) -> {
                    StringBuilder g = new StringBuilder(s);
                    g.insert(Math.min(star, g.length()), '*');
                    if (q < g.length()) {
                        g.setCharAt(q, g.charAt(q) == '*' ? '*' : '?');
                    }
                    return g.toString();
                });
    }

    @Test
    void aGlobMatchesExactlyWhatItsRegularExpressionMatches() {
        qt().withExamples(1000).forAll(globs(), ids()).check((glob, id) -> {
            String regex = glob.chars().mapToObj(c -> c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf((char) c)))
                    .reduce("", String::concat);
            return new ServerPattern(glob).matches(id) == id.matches(regex);
        });
    }

    @Test
    void aSilenceCoversAnAlertExactlyWhenActiveAndItsServerKindAndSubjectAllMatch() {
        List<AlertKind> kinds = List.of(AlertKind.values());
        qt().withExamples(500).forAll(integers().between(-100, 100), integers().between(0, 100), integers().between(0, 15),
                        integers().between(0, 4 * kinds.size() - 1))
                .check((startOffset, length, kindMask, subjectAndKind) -> {
                    int subjectChoice = subjectAndKind / kinds.size() - 1;
                    int alertKind = subjectAndKind % kinds.size();
                    java.util.Set<AlertKind> silenced = new java.util.HashSet<>();
                    for (int i = 0; i < kinds.size(); i++) {
                        if ((kindMask & (1 << i)) != 0) {
                            silenced.add(kinds.get(i));
                        }
                    }
                    String subject = subjectChoice < 0 ? null : "/m" + subjectChoice;
                    Silence s = forServer(7, "web-01", silenced, subject, T.plusSeconds(startOffset),
                            T.plusSeconds(startOffset + length));
                    AlertKind kind = kinds.get(alertKind);
                    String alertSubject = "/m0";
                    boolean expected = !T.isBefore(s.startsAt()) && T.isBefore(s.endsAt())
                            && (silenced.isEmpty() || silenced.contains(kind))
                            && (subject == null || subject.equals(alertSubject));
                    Silences all = new Silences(List.of(s));
                    return s.covers("web-01", kind, alertSubject, T) == expected
                            && all.cover("web-01", kind, alertSubject, T) == expected
                            && !s.covers("web-02", kind, alertSubject, T);
                });
    }
}
