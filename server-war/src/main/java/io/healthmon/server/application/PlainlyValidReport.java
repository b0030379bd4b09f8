package io.healthmon.server.application;

import io.healthmon.report.CollectionError;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.Limits;
import io.healthmon.report.LoadAverage;
import io.healthmon.report.Memory;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.NetworkInterfaceUsage;
import java.util.List;
import java.util.function.Predicate;

/**
 * The report model's Bean Validation constraints written out as plain code, to tell quickly that a
 * report breaks none of them. Bean Validation stays the authority: a report this class does not
 * pass is validated in full, which names each violation. This only spares the common case, a report
 * without fault, the validator's bookkeeping, the costliest part of checking a report
 * (docs/decisions/0004). A property test holds the two to the same verdict.
 */
final class PlainlyValidReport {

    private static final int MAX_SERVER_ID = 128;
    private static final double MAX_LOAD = Double.parseDouble(Limits.MAX_LOAD);

    private PlainlyValidReport() {
    }

    static boolean test(MetricsReport r) {
        return serverId(r.serverId())
                && r.timestamp() != null
                && optionalBetween(r.cpuUsage(), 0, 100)
                && (r.memory() == null || memory(r.memory()))
                && (r.swap() == null || memory(r.swap()))
                && (r.loadAverage() == null || load(r.loadAverage()))
                && optionalNotNegative(r.uptime())
                && all(r.diskUsage(), Limits.MAX_DISKS, PlainlyValidReport::disk)
                && all(r.failedServices(), Limits.MAX_FAILED_SERVICES, PlainlyValidReport::failedService)
                && all(r.network(), Limits.MAX_INTERFACES, PlainlyValidReport::networkInterface)
                && all(r.collectionErrors(), Limits.MAX_COLLECTION_ERRORS, PlainlyValidReport::collectionError)
                && optionalName(r.agentVersion(), Limits.MAX_TEXT);
    }

    /** {@link Limits#SERVER_ID_PATTERN}: a letter or digit, then up to 127 of letters, digits, '.', '_', '-'. */
    private static boolean serverId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_SERVER_ID || !letterOrDigit(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!letterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean memory(Memory m) {
        return notNegative(m.total()) && notNegative(m.used()) && between(m.percentage(), 0, 100)
                && m.used() <= m.total();
    }

    private static boolean load(LoadAverage l) {
        return between(l.oneMinute(), 0, MAX_LOAD) && between(l.fiveMinutes(), 0, MAX_LOAD)
                && between(l.fifteenMinutes(), 0, MAX_LOAD);
    }

    private static boolean disk(DiskUsage d) {
        return requiredName(d.mountpoint(), Limits.MAX_MOUNTPOINT) && notNegative(d.total()) && notNegative(d.used())
                && between(d.percentage(), 0, 100) && d.used() <= d.total() && optionalName(d.filesystem(), Limits.MAX_TEXT)
                && optionalNotNegative(d.inodesTotal()) && optionalNotNegative(d.inodesUsed())
                && optionalBetween(d.inodesPercentage(), 0, 100)
                && (d.inodesTotal() == null || d.inodesUsed() == null || d.inodesUsed() <= d.inodesTotal());
    }

    private static boolean failedService(FailedService s) {
        return requiredName(s.name(), Limits.MAX_TEXT) && requiredName(s.status(), Limits.MAX_SHORT_NAME);
    }

    private static boolean networkInterface(NetworkInterfaceUsage n) {
        return requiredName(n.name(), Limits.MAX_SHORT_NAME) && notNegative(n.bytesReceived()) && notNegative(n.bytesSent());
    }

    private static boolean collectionError(CollectionError e) {
        return requiredName(e.collector(), Limits.MAX_SHORT_NAME)
                && (e.message() == null || (e.message().length() <= Limits.MAX_TEXT * 4 && e.message().indexOf('\0') < 0));
    }

    /** {@code @Size(max)} of an optional list, and {@code @NotNull @Valid} of each of its items. */
    private static <T> boolean all(List<T> items, int max, Predicate<T> valid) {
        if (items == null) {
            return true;
        }
        if (items.size() > max) {
            return false;
        }
        for (T item : items) {
            if (item == null || !valid.test(item)) {
                return false;
            }
        }
        return true;
    }

    /** {@code @NotBlank} (not only characters up to the space, which trim() removes) and a name. */
    private static boolean requiredName(String s, int max) {
        return s != null && !s.trim().isEmpty() && optionalName(s, max);
    }

    /** {@link Limits#NAME_PATTERN} (no ASCII control character) and {@code @Size(max)}; null passes. */
    private static boolean optionalName(String s, int max) {
        if (s == null) {
            return true;
        }
        if (s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean notNegative(Long value) {
        return value != null && value >= 0;
    }

    private static boolean optionalNotNegative(Long value) {
        return value == null || value >= 0;
    }

    /** Inclusive; false for NaN, as the validator's comparison gives. */
    private static boolean between(Double value, double min, double max) {
        return value != null && value >= min && value <= max;
    }

    private static boolean optionalBetween(Double value, double min, double max) {
        return value == null || between(value, min, max);
    }
}
