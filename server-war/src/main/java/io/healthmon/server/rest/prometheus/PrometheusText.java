package io.healthmon.server.rest.prometheus;

import io.healthmon.server.telemetry.Distribution;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes Prometheus's text exposition format (version 0.0.4): a family's HELP and TYPE once, then its
 * samples. Label values and help texts are escaped as the format requires; values are Go-readable floats.
 */
final class PrometheusText {

    private final Writer out;

    PrometheusText(Writer out) {
        this.out = out;
    }

    void family(String name, String type, String help) throws IOException {
        out.write("# HELP ");
        out.write(name);
        out.write(' ');
        out.write(escapeHelp(help));
        out.write("\n# TYPE ");
        out.write(name);
        out.write(' ');
        out.write(type);
        out.write('\n');
    }

    /** One sample; {@code labels} is a label set already written by {@link #labels}, or empty. */
    void sample(String name, String labels, double value) throws IOException {
        out.write(name);
        out.write(labels);
        out.write(' ');
        out.write(number(value));
        out.write('\n');
    }

    void sample(String name, String labels, long value) throws IOException {
        out.write(name);
        out.write(labels);
        out.write(' ');
        out.write(Long.toString(value));
        out.write('\n');
    }

    /** A histogram family: each bound's cumulative count, then {@code +Inf}, the sum and the count. */
    void histogram(Distribution distribution) throws IOException {
        Distribution.Snapshot snapshot = distribution.snapshot();
        family(distribution.name(), "histogram", distribution.help());
        String bucket = distribution.name() + "_bucket";
        for (int i = 0; i < snapshot.upperBounds().length; i++) {
            sample(bucket, labels("le", number(snapshot.upperBounds()[i])), snapshot.cumulativeCounts()[i]);
        }
        sample(bucket, labels("le", "+Inf"), snapshot.count());
        sample(distribution.name() + "_sum", "", snapshot.sum());
        sample(distribution.name() + "_count", "", snapshot.count());
    }

    /** A label set, {@code {a="1",b="2"}}, from names and values in turn. */
    static String labels(String... namesAndValues) {
        StringBuilder set = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                set.append(',');
            }
            set.append(namesAndValues[i]).append("=\"");
            escapeLabelValue(namesAndValues[i + 1], set);
            set.append('"');
        }
        return set.append('}').toString();
    }

    /** A label set with one more label than {@code labels}, which must be a set {@link #labels} wrote. */
    static String with(String labels, String name, String value) {
        StringBuilder set = new StringBuilder(labels.length() + name.length() + value.length() + 4);
        set.append(labels, 0, labels.length() - 1).append(',').append(name).append("=\"");
        escapeLabelValue(value, set);
        return set.append("\"}").toString();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static void escapeLabelValue(String value, StringBuilder to) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> to.append("\\\\");
                case '"' -> to.append("\\\"");
                case '\n' -> to.append("\\n");
                default -> to.append(c);
            }
        }
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
