package io.healthmon.agent.json;

import java.time.Instant;
import java.time.LocalDate;

/**
 * UTC instants as {@link Instant#toString()} writes them ("2026-11-24T10:30:00.123Z"), without going
 * through {@code java.time.format}: a formatter pulls in some 60 classes (and their compiled code)
 * that would stay resident in an agent that only ever writes this one shape. Instants outside years
 * 1970 to 9999, and text of any other shape, go to the JDK, so the results are the same.
 */
public final class Iso8601 {

    private static final long SECONDS_PER_DAY = 86_400;
    /** 9999-12-31T23:59:59Z. */
    private static final long LAST_FAST_SECOND = 253_402_300_799L;
    /** "2026-11-24T10:30:00Z". */
    private static final int SHORTEST = 20;

    private Iso8601() {
    }

    /** Exactly {@code t.toString()}: the fraction in groups of three digits, as many as it needs. */
    public static String format(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FAST_SECOND) {
            return t.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(seconds / SECONDS_PER_DAY);
        int secondOfDay = (int) (seconds % SECONDS_PER_DAY);
        StringBuilder out = new StringBuilder(30);
        digits(out, date.getYear(), 4).append('-');
        digits(out, date.getMonthValue(), 2).append('-');
        digits(out, date.getDayOfMonth(), 2).append('T');
        digits(out, secondOfDay / 3600, 2).append(':');
        digits(out, secondOfDay / 60 % 60, 2).append(':');
        digits(out, secondOfDay % 60, 2);
        int nanos = t.getNano();
        if (nanos > 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                digits(out, nanos / 1000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        return out.append('Z').toString();
    }

    /** {@link Instant#parse}: the shape {@link #format} writes is read here, anything else by the JDK. */
    public static Instant parse(String text) {
        int length = text.length();
        if (length < SHORTEST || !shaped(text)) {
            return Instant.parse(text);
        }
        int nanos = 0;
        if (length > SHORTEST) {
            int fractionDigits = length - SHORTEST - 1;
            if (text.charAt(19) != '.' || (fractionDigits != 3 && fractionDigits != 6 && fractionDigits != 9)
                    || !allDigits(text, 20, length - 1)) {
                return Instant.parse(text);
            }
            nanos = number(text, 20, length - 1);
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            return Instant.parse(text); // for the JDK's own error
        }
        // LocalDate.of checks month and day, and says what is wrong as Instant.parse would (DateTimeException).
        long day = LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10)).toEpochDay();
        return Instant.ofEpochSecond(day * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** "dddd-dd-ddTdd:dd:dd" followed, at the very end, by 'Z'. */
    private static boolean shaped(String text) {
        return allDigits(text, 0, 4) && text.charAt(4) == '-' && allDigits(text, 5, 7) && text.charAt(7) == '-'
                && allDigits(text, 8, 10) && text.charAt(10) == 'T' && allDigits(text, 11, 13) && text.charAt(13) == ':'
                && allDigits(text, 14, 16) && text.charAt(16) == ':' && allDigits(text, 17, 19)
                && text.charAt(text.length() - 1) == 'Z';
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** The value, zero-padded to {@code width} digits. */
    static StringBuilder digits(StringBuilder out, long value, int width) {
        String text = Long.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(text);
    }
}
