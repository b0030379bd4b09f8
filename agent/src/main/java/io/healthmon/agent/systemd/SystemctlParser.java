package io.healthmon.agent.systemd;

import io.healthmon.agent.json.Json;
import io.healthmon.agent.json.JsonTree;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parses what systemctl prints. Pure: the inputs are strings, the tests feed captured outputs. */
public final class SystemctlParser {

    private static final DateTimeFormatter SYSTEMD_TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private SystemctlParser() {
    }

    /** A unit as list-units shows it. */
    public record Unit(String name, String load, String active, String sub) {
        public boolean failed() {
            return "failed".equals(active) || "failed".equals(sub);
        }
    }

    /** {@code systemctl list-units --output=json}: a JSON array of {unit, load, active, sub, description}. */
    public static List<Unit> parseJson(String output) throws IOException {
        JsonTree root = JsonTree.parse(Json.FACTORY, output);
        if (!root.isArray()) {
            throw new IOException("systemctl did not print a JSON array");
        }
        List<Unit> units = new ArrayList<>();
        for (JsonTree node : root.items()) {
            String name = node.path("unit").asText("");
            if (!name.isEmpty()) {
                units.add(new Unit(name, node.path("load").asText(""), node.path("active").asText(""), node.path("sub").asText("")));
            }
        }
        return units;
    }

    /**
     * {@code systemctl list-units --plain --no-legend}: columns UNIT LOAD ACTIVE SUB DESCRIPTION.
     * Some versions still print a status mark before failed units ("●" or "*"); it is skipped.
     */
    public static List<Unit> parsePlain(String output) {
        List<Unit> units = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("●") || trimmed.startsWith("*")) {
                trimmed = trimmed.substring(1).strip();
            }
            if (trimmed.isEmpty() || trimmed.startsWith("0 loaded units") || trimmed.contains("loaded units listed")) {
                continue;
            }
            String[] columns = trimmed.split("\\s+", 5);
            if (columns.length >= 4 && columns[0].contains(".")) {
                units.add(new Unit(columns[0], columns[1], columns[2], columns[3]));
            }
        }
        return units;
    }

    /**
     * {@code systemctl show -p Id -p StateChangeTimestamp [--timestamp=utc] UNIT...}: blocks of
     * {@code Key=value} lines separated by blank lines. Returns the state-change time by unit; a
     * unit whose time is empty or in a zone this machine cannot resolve is left out.
     */
    public static Map<String, Instant> parseStateChanges(String output, ZoneId localZone) {
        Map<String, Instant> times = new HashMap<>();
        String id = null;
        String timestamp = null;
        for (String line : (output + "\n\n").split("\\R", -1)) {
            if (line.isBlank()) {
                if (id != null && timestamp != null) {
                    Instant t = parseTimestamp(timestamp, localZone);
                    if (t != null) {
                        times.put(id, t);
                    }
                }
                id = null;
                timestamp = null;
            } else if (line.startsWith("Id=")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("StateChangeTimestamp=")) {
                timestamp = line.substring("StateChangeTimestamp=".length()).strip();
            }
        }
        return times;
    }

    /** "Sun 2024-12-15 09:15:00 UTC"; a zone other than UTC is read as the machine's own zone when its abbreviation matches. */
    static Instant parseTimestamp(String text, ZoneId localZone) {
        if (text == null || text.isBlank() || text.equals("n/a")) {
            return null;
        }
        String[] parts = text.strip().split("\\s+");
        if (parts.length < 3) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(parts[0] + " " + parts[1] + " " + parts[2], SYSTEMD_TIME);
            String zone = parts.length > 3 ? parts[3] : "UTC";
            if (zone.equals("UTC") || zone.equals("GMT")) {
                return local.toInstant(ZoneOffset.UTC);
            }
            ZoneId candidate = localZone;
            String abbreviation = DateTimeFormatter.ofPattern("zzz", Locale.ROOT).format(local.atZone(candidate));
            return abbreviation.equals(zone) ? local.atZone(candidate).toInstant() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
