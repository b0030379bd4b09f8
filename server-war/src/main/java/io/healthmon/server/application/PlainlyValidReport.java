package io.healthmon.server.application;

import io.healthmon.report.CollectionError;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.LoadAverage;
import io.healthmon.report.Limits;
import io.healthmon.report.Memory;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.NetworkInterfaceUsage;
import java.util.List;

/**
 * The report model's Bean Validation constraints written out as plain code, to tell quickly that a
 * report breaks none of them. Bean Validation stays the authority: a report this class does not
 * pass is validated in full, which names each violation. This only spares the common case, a report
 * without fault, the validator's bookkeeping: a quarter of the server's CPU in the ingest benchmark.
 * A property test holds the two to the same verdict.
 */
final class PlainlyValidReport {

    private static final int MAX_SERVER_ID = 128;
    /** The {@code @Size(max = 64)} of interface, unit status and collector names. */
    private static final int MAX_SHORT_NAME = 64;
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
                && disks(r.diskUsage())
                && failedServices(r.failedServices())
                && interfaces(r.network())
                && collectionErrors(r.collectionErrors())
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

    private static boolean disks(List<DiskUsage> disks) {
        if (disks == null) {
            return true;
        }
        if (disks.size() > Limits.MAX_DISKS) {
            return false;
        }
        for (DiskUsage d : disks) {
            if (d == null || !requiredName(d.mountpoint(), Limits.MAX_MOUNTPOINT) || !notNegative(d.total())
                    || !notNegative(d.used()) || !between(d.percentage(), 0, 100) || d.used() > d.total()
                    || !optionalName(d.filesystem(), Limits.MAX_TEXT) || !optionalNotNegative(d.inodesTotal())
                    || !optionalNotNegative(d.inodesUsed()) || !optionalBetween(d.inodesPercentage(), 0, 100)
                    || (d.inodesTotal() != null && d.inodesUsed() != null && d.inodesUsed() > d.inodesTotal())) {
                return false;
            }
        }
        return true;
    }

    private static boolean failedServices(List<FailedService> services) {
        if (services == null) {
            return true;
        }
        if (services.size() > Limits.MAX_FAILED_SERVICES) {
            return false;
        }
        for (FailedService s : services) {
            if (s == null || !requiredName(s.name(), Limits.MAX_TEXT) || !requiredName(s.status(), MAX_SHORT_NAME)) {
                return false;
            }
        }
        return true;
    }

    private static boolean interfaces(List<NetworkInterfaceUsage> network) {
        if (network == null) {
            return true;
        }
        if (network.size() > Limits.MAX_INTERFACES) {
            return false;
        }
        for (NetworkInterfaceUsage n : network) {
            if (n == null || !requiredName(n.name(), MAX_SHORT_NAME) || !notNegative(n.bytesReceived())
                    || !notNegative(n.bytesSent())) {
                return false;
            }
        }
        return true;
    }

    private static boolean collectionErrors(List<CollectionError> errors) {
        if (errors == null) {
            return true;
        }
        if (errors.size() > Limits.MAX_COLLECTION_ERRORS) {
            return false;
        }
        for (CollectionError e : errors) {
            if (e == null || !requiredName(e.collector(), MAX_SHORT_NAME)
                    || (e.message() != null && (e.message().length() > Limits.MAX_TEXT * 4 || e.message().indexOf('\0') >= 0))) {
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
